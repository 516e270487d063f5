using System.Net;
using MailSniffer.Core.Flows;
using MailSniffer.Core.Frames;
using MailSniffer.Tui.Data;

namespace MailSniffer.Tui.Packets;

/// <summary>A conversation's client and server parsed back from their printed form ("10.0.0.1:25", "[::1]:25"), and its flow key.</summary>
public sealed record ConversationEndpoints(IpAddress128 ClientAddress, ushort ClientPort, IpAddress128 ServerAddress, ushort ServerPort, FlowKey Key)
{
    public static ConversationEndpoints? Of(ConversationRow c)
    {
        if (!IPEndPoint.TryParse(c.Client, out var client) || !IPEndPoint.TryParse(c.Server, out var server)) return null;
        var ca = IpAddress128.FromIPAddress(client.Address);
        var sa = IpAddress128.FromIPAddress(server.Address);
        var key = FlowKey.Create(c.IsTcp ? Transport.Tcp : Transport.Udp, ca, (ushort)client.Port, sa, (ushort)server.Port, out _);
        return new ConversationEndpoints(ca, (ushort)client.Port, sa, (ushort)server.Port, key);
    }

    public bool FromClient(IpAddress128 source, ushort port) => source == ClientAddress && port == ClientPort;
}
