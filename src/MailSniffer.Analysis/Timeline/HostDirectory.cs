using System.Net;
using MailSniffer.Analysis.Model;

namespace MailSniffer.Analysis.Timeline;

/// <summary>
/// Names for addresses, so that a story can say "mx.b.test" instead of "127.0.3.1": what DNS answered (the name whose
/// A/AAAA record holds the address), what a server greeted with, what a client said in HELO, in that order of trust.
/// </summary>
internal sealed class HostDirectory
{
    private readonly Dictionary<IPAddress, string> _dns = new();
    private readonly Dictionary<IPAddress, string> _greeting = new();
    private readonly Dictionary<IPAddress, string> _helo = new();

    public static HostDirectory From(IEnumerable<FlowFacts> flows, IEnumerable<DnsLookup> lookups)
    {
        var d = new HostDirectory();
        foreach (var l in lookups)
            foreach (var a in l.Answers)
                if (a.RType is "A" or "AAAA" && IPAddress.TryParse(a.Data, out var ip))
                    d._dns.TryAdd(ip, a.Name.TrimEnd('.'));
        foreach (var f in flows)
        {
            if (f.Flow == null) continue;
            if (f.ServerName != null) d._greeting.TryAdd(f.Flow.Server.Address, f.ServerName);
            if (f.Helo != null) d._helo.TryAdd(f.Flow.Client.Address, f.Helo);
        }
        return d;
    }

    public string? NameOf(IPAddress? address)
    {
        if (address == null) return null;
        return _dns.GetValueOrDefault(address) ?? _greeting.GetValueOrDefault(address) ?? _helo.GetValueOrDefault(address);
    }

    public void Name(Journey journey)
    {
        foreach (var s in journey.Steps)
        {
            if (s.Kind == JourneyStepKind.Claimed) continue;
            var clientAddress = s.ClientAddress ?? DnsStepLinker.AddressOf(s.Client);
            var serverAddress = s.ServerAddress ?? DnsStepLinker.AddressOf(s.Server);
            // A client is best named by what it called itself on this very flow.
            s.ClientName ??= s.FlowFacts?.Helo ?? NameOf(clientAddress);
            s.ServerName ??= NameOf(serverAddress) ?? s.FlowFacts?.ServerName;
        }
    }
}
