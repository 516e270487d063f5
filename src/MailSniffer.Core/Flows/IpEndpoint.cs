using System.Net;

namespace MailSniffer.Core.Flows;

/// <summary>An address and port as printed in reports: 10.0.0.1:25 or [2001:db8::1]:25.</summary>
public sealed record IpEndpoint(IPAddress Address, ushort Port)
{
    public override string ToString() => Address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6
        ? $"[{Address}]:{Port}"
        : $"{Address}:{Port}";
}
