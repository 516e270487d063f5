using MailSniffer.Core.Flows;

namespace MailSniffer.Decoders;

/// <summary>What a decoder knows about the connection it reads: its id and endpoints (for events), nothing else.</summary>
public sealed record FlowContext(long FlowId, IpEndpoint Client, IpEndpoint Server)
{
    public static FlowContext ForTests(long id = 1) => new(id,
        new IpEndpoint(System.Net.IPAddress.Parse("192.0.2.10"), 50000),
        new IpEndpoint(System.Net.IPAddress.Parse("192.0.2.25"), 25));
}
