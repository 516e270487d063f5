using System.Net;
using MailSniffer.Analysis.Model;
using MailSniffer.Core.Capture;

namespace MailSniffer.Analysis.Timeline;

/// <summary>
/// For each relay, finds the DNS look-ups that led to it: the MX query for each recipient domain made by the relaying
/// host shortly before, and the A/AAAA query of the MX host whose answer holds the address the relay connected to.
/// Look-ups made from another address (a local resolver asking on the host's behalf) are accepted with lower confidence.
/// </summary>
internal static class DnsStepLinker
{
    private const int MaxDomainsPerRelay = 16;

    public static void Apply(Journey journey, DnsIndex lookups, JourneyOptions options)
    {
        var seen = new HashSet<(long?, string?, long)>();
        var relays = journey.Steps.Where(s => s.Kind == JourneyStepKind.Relay && s.ServerAddress != null && s.ClientAddress != null).ToList();
        foreach (var relay in relays)
        {
            var domains = relay.RcptTo.Concat(relay.Sighting == null ? journey.To : Array.Empty<string>())
                .Select(DomainOf).Where(d => d != null).Select(d => d!).Distinct(StringComparer.OrdinalIgnoreCase).Take(MaxDomainsPerRelay).ToList();
            var added = new List<JourneyStep>();
            foreach (var domain in domains) LinkDomain(journey, relay, domain, lookups, options, added);
            var address = relay.ServerAddress!;
            if (!added.Any(s => s.LinkedTo == relay && s.Query!.StartsWith("A", StringComparison.Ordinal)))
            {
                // No MX path: maybe the relay host was told the address directly (a smarthost) or asked before the window.
                var direct = Pick(lookups, lookups.Holding(address, WindowStart(relay, options), relay.Ts), l => IsAddressQuery(l) && lookups.Holds(l, address), relay, options);
                if (direct != null) added.Add(CreateStep(lookups, direct, relay, "its answer holds the address the relay connected to"));
            }
            // A look-up that served an earlier relay of this message (a cached answer reused) is shown once, with its first link.
            journey.Steps.AddRange(added.Where(s => seen.Add((s.Flow, s.Query, s.Ts.UnixNanoseconds))));
        }
    }

    private static void LinkDomain(Journey journey, JourneyStep relay, string domain, DnsIndex lookups, JourneyOptions options,
        List<JourneyStep> added)
    {
        var mx = Pick(lookups, lookups.Named(domain, WindowStart(relay, options), relay.Ts), l => QTypeIs(l, "MX") && SameName(l.Name, domain), relay, options);
        var mxHosts = new List<string>();
        if (mx != null)
        {
            mxHosts.AddRange(mx.Answers.Where(a => a.RType.Equals("MX", StringComparison.OrdinalIgnoreCase)).Select(a => MxHost(a.Data)));
            added.Add(CreateStep(lookups, mx, relay, $"MX of the recipient domain {domain}, asked before the relay"));
        }
        else
        {
            relay.Evidence.Add($"no MX look-up of {domain} was seen in the {options.DnsWindowSeconds:0} s before this relay (cached, or made outside the capture)");
        }
        if (mxHosts.Count == 0) mxHosts.Add(domain); // RFC 5321 implicit MX: the domain's own address
        var address = relay.ServerAddress!;
        var mxQuerier = mx == null ? null : lookups.QuerierOf(mx);
        foreach (var host in mxHosts.Distinct(StringComparer.OrdinalIgnoreCase))
        {
            foreach (var qtype in new[] { "A", "AAAA" })
            {
                // The latest question of each type after the MX answer, from the relaying host or whoever asked the MX for it.
                var asked = lookups.Named(host, mx?.Ts ?? WindowStart(relay, options), relay.Ts).Where(l => QTypeIs(l, qtype) && SameName(l.Name, host) && InWindow(l, relay, options)
                                               && (mx == null || l.Ts >= mx.Ts)
                                               && (SameQuerier(lookups, l, relay) || (mxQuerier != null && mxQuerier.Equals(lookups.QuerierOf(l))) || lookups.Holds(l, address)))
                    .MaxBy(l => l.Ts);
                if (asked == null) continue;
                bool holds = lookups.Holds(asked, address);
                string why = holds
                    ? $"{asked.QType} of the MX host {host}; its answer holds {address}, the address the relay connected to"
                    : $"{asked.QType} of the MX host {host}, also asked; its answer was not used for this relay";
                var step = CreateStep(lookups, asked, relay, why);
                if (!holds) step.LinkedTo = null;
                added.Add(step);
            }
        }
    }

    private static DnsLookup? Pick(DnsIndex index, IReadOnlyList<DnsLookup> lookups, Func<DnsLookup, bool> match, JourneyStep relay, JourneyOptions options)
    {
        var inWindow = lookups.Where(l => match(l) && InWindow(l, relay, options)).ToList();
        return inWindow.Where(l => SameQuerier(index, l, relay)).MaxBy(l => l.Ts) ?? inWindow.MaxBy(l => l.Ts);
    }

    private static JourneyStep CreateStep(DnsIndex index, DnsLookup l, JourneyStep relay, string why)
    {
        bool same = SameQuerier(index, l, relay);
        var step = new JourneyStep
        {
            Kind = JourneyStepKind.Dns,
            Ts = l.Ts,
            Protocol = "dns",
            Client = l.Querier,
            Server = l.Server,
            Flow = l.Flow,
            Query = $"{l.QType ?? "?"} {l.Name}",
            Answers = l.Answers.Where(a => a.Section == "answer").Select(a => $"{a.RType} {a.Data}").ToList() is { Count: > 0 } answers ? answers
                : l.Rcode is { } rcode ? [rcode] : ["no answer seen"],
            Confidence = same ? "high" : "medium",
            LinkedTo = relay,
        };
        step.Evidence.Add(why);
        step.Evidence.Add(same
            ? $"asked by {relay.ClientAddress}, the relaying host, {relay.Ts.SecondsSince(l.Ts):0.######} s before the relay"
            : $"asked by {l.Querier}, not by the relaying host {relay.ClientAddress}: a resolver may have asked on its behalf");
        return step;
    }

    private static CaptureTime WindowStart(JourneyStep relay, JourneyOptions options) =>
        new(relay.Ts.UnixNanoseconds - (long)(options.DnsWindowSeconds * 1e9));

    private static bool InWindow(DnsLookup l, JourneyStep relay, JourneyOptions options) =>
        l.Ts <= relay.Ts && relay.Ts.SecondsSince(l.Ts) <= options.DnsWindowSeconds;


    private static bool SameQuerier(DnsIndex index, DnsLookup l, JourneyStep relay) => index.QuerierOf(l) is { } q && q.Equals(relay.ClientAddress);

    private static bool IsAddressQuery(DnsLookup l) => QTypeIs(l, "A") || QTypeIs(l, "AAAA");

    private static bool QTypeIs(DnsLookup l, string qtype) =>
        string.Equals(l.QType, qtype, StringComparison.OrdinalIgnoreCase)
        || (l.QType == null && l.Answers.Any(a => a.RType.Equals(qtype, StringComparison.OrdinalIgnoreCase)));

    
    internal static bool SameName(string a, string b) => string.Equals(a.TrimEnd('.'), b.TrimEnd('.'), StringComparison.OrdinalIgnoreCase);

    /// <summary>"10 mx.b.test." → mx.b.test.</summary>
    internal static string MxHost(string data)
    {
        var parts = data.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return (parts.Length == 0 ? data : parts[^1]).TrimEnd('.');
    }

    internal static string? DomainOf(string address)
    {
        int at = address.LastIndexOf('@');
        return at < 0 || at == address.Length - 1 ? null : address[(at + 1)..].Trim('>', ' ').TrimEnd('.');
    }

    /// <summary>"127.0.0.1:5353" or "[::1]:53" → the address.</summary>
    internal static IPAddress? AddressOf(string? endpoint)
    {
        if (string.IsNullOrEmpty(endpoint)) return null;
        if (endpoint.StartsWith('['))
        {
            int close = endpoint.IndexOf(']');
            return close > 0 && IPAddress.TryParse(endpoint[1..close], out var v6) ? v6 : null;
        }
        int colon = endpoint.LastIndexOf(':');
        return IPAddress.TryParse(colon > 0 ? endpoint[..colon] : endpoint, out var v4) ? v4 : null;
    }
}
