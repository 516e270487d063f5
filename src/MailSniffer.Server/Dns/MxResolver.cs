using System.Net;
using ARSoft.Tools.Net;
using ARSoft.Tools.Net.Dns;
using MailSniffer.Server.Hosting;

namespace MailSniffer.Server.Dns;

/// <summary>
/// Finds where to relay a domain's mail by asking only the configured DNS server (never the system
/// resolver, so the demo cannot leak look-ups): MX, then A and AAAA of each exchange, falling back
/// to the domain's own address records when there is no MX (RFC 5321 5.1).
/// </summary>
public sealed class MxResolver
{
    private readonly DnsClient _client;

    public MxResolver(IPEndPoint server, int timeoutMs = 5000)
    {
        _client = new DnsClient([server.Address], [new UdpClientTransport(server.Port), new TcpClientTransport(server.Port)], false, timeoutMs);
    }

    public async Task<(List<(string Host, IPAddress Address)> Targets, List<DnsLookup> Lookups)> ResolveAsync(string domain, CancellationToken ct)
    {
        var lookups = new List<DnsLookup>();
        var name = DomainName.Parse(domain);
        var mxAnswer = await _client.ResolveAsync(name, RecordType.Mx, RecordClass.INet, null, ct);
        var exchanges = mxAnswer?.AnswerRecords.OfType<MxRecord>().OrderBy(m => m.Preference).Select(m => m.ExchangeDomainName).ToList() ?? [];
        lookups.Add(new DnsLookup(DateTimeOffset.UtcNow, domain, "MX", exchanges.Select(e => e.ToString().TrimEnd('.')).ToList()));
        if (exchanges.Count == 0) exchanges.Add(name);
        var targets = new List<(string, IPAddress)>();
        foreach (var host in exchanges)
        {
            foreach (var type in new[] { RecordType.A, RecordType.Aaaa })
            {
                var answer = await _client.ResolveAsync(host, type, RecordClass.INet, null, ct);
                var addresses = answer?.AnswerRecords.OfType<IAddressRecord>().Select(r => r.Address).ToList() ?? [];
                lookups.Add(new DnsLookup(DateTimeOffset.UtcNow, host.ToString().TrimEnd('.'), type == RecordType.A ? "A" : "AAAA", addresses.Select(a => a.ToString()).ToList()));
                targets.AddRange(addresses.Select(a => (host.ToString().TrimEnd('.'), a)));
            }
        }
        return (targets, lookups);
    }
}
