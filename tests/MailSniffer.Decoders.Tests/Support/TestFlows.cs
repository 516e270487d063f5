using MailSniffer.Core.Flows;

namespace MailSniffer.Decoders.Tests.Support;

/// <summary>A connection context for decoders under test: documentation addresses (RFC 5737), client to port 25.</summary>
internal static class TestFlows
{
    public static FlowContext Context(long id = 1) => new(id,
        new IpEndpoint(System.Net.IPAddress.Parse("192.0.2.10"), 50000),
        new IpEndpoint(System.Net.IPAddress.Parse("192.0.2.25"), 25));
}
