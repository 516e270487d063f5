using System.Net;
using MailSniffer.Core.Capture;
using MailSniffer.Core.Flows;
using MailSniffer.Decoders.Events;
using MailSniffer.Decoders.Messages;

namespace MailSniffer.Analysis.Tests.Support;

/// <summary>Builders for flows and events as decoders would emit them.</summary>
internal static class Events
{
    public static readonly CaptureTime T0 = new(1_700_000_000_123_456_000);

    public static CaptureTime At(double seconds) => new(T0.UnixNanoseconds + (long)(seconds * 1e9));

    public static FlowInfo Flow(long id, string client = "192.0.2.10", ushort clientPort = 50000, string server = "192.0.2.25",
        ushort serverPort = 25, Transport transport = Transport.Tcp, double start = 0) =>
        new(id, transport, new IpEndpoint(IPAddress.Parse(client), clientPort), new IpEndpoint(IPAddress.Parse(server), serverPort), At(start));

    public static MessageEvent Message(long flow, byte[] bytes, double ts = 1, bool complete = true, bool partial = false,
        string protocol = "smtp", string source = "DATA", string? mailFrom = "alice@a.test", IReadOnlyList<string>? rcptTo = null) =>
        new(flow, At(ts), protocol, source, Direction.ClientToServer, MessageContent.FromBytes(bytes), complete, partial,
            MailFrom: mailFrom, RcptTo: rcptTo ?? new[] { "bob@b.test" });
}
