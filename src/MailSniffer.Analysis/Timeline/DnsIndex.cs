using System.Net;
using MailSniffer.Analysis.Model;
using MailSniffer.Core.Capture;

namespace MailSniffer.Analysis.Timeline;

/// <summary>Look-ups by question name and by answered address, so linking a relay does not scan every look-up of the capture.</summary>
internal sealed class DnsIndex
{
    private readonly Dictionary<string, List<DnsLookup>> _byName = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<IPAddress, List<DnsLookup>> _byAddress = new();
    // Parsed once: linking asks about the same look-ups for every relay, and parsing addresses dominated the cost.
    private readonly Dictionary<DnsLookup, IPAddress?> _querier = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<DnsLookup, List<IPAddress>> _answered = new(ReferenceEqualityComparer.Instance);
    private readonly HashSet<List<DnsLookup>> _sorted = new(ReferenceEqualityComparer.Instance);

    public DnsIndex(IEnumerable<DnsLookup> lookups)
    {
        foreach (var l in lookups)
        {
            Add(_byName, l.Name.TrimEnd('.'), l);
            _querier[l] = DnsStepLinker.AddressOf(l.Querier);
            var answered = new List<IPAddress>();
            foreach (var a in l.Answers)
            {
                if (a.RType is not ("A" or "AAAA") || !IPAddress.TryParse(a.Data, out var ip)) continue;
                answered.Add(ip);
                Add(_byAddress, ip, l);
            }
            _answered[l] = answered;
        }
    }

    /// <summary>Look-ups of a name made from <paramref name="from"/> to <paramref name="to"/> (inclusive), found by binary search.</summary>
    public IReadOnlyList<DnsLookup> Named(string name, CaptureTime from, CaptureTime to) =>
        Between(_byName.GetValueOrDefault(name.TrimEnd('.')), from, to);

    /// <summary>Look-ups whose A/AAAA answers hold an address, made from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public IReadOnlyList<DnsLookup> Holding(IPAddress address, CaptureTime from, CaptureTime to) =>
        Between(_byAddress.GetValueOrDefault(address), from, to);

    private IReadOnlyList<DnsLookup> Between(List<DnsLookup>? list, CaptureTime from, CaptureTime to)
    {
        if (list == null) return Array.Empty<DnsLookup>();
        if (!_sorted.Contains(list))
        {
            list.Sort((a, b) => a.Ts.CompareTo(b.Ts));
            _sorted.Add(list);
        }
        int lo = 0, hi = list.Count;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (list[mid].Ts < from) lo = mid + 1;
            else hi = mid;
        }
        int end = lo;
        while (end < list.Count && list[end].Ts <= to) end++;
        return list.GetRange(lo, end - lo);
    }

    public IPAddress? QuerierOf(DnsLookup l) => _querier.TryGetValue(l, out var q) ? q : DnsStepLinker.AddressOf(l.Querier);

    public bool Holds(DnsLookup l, IPAddress address) => _answered.TryGetValue(l, out var list) && list.Contains(address);

    private static void Add<TKey>(Dictionary<TKey, List<DnsLookup>> map, TKey key, DnsLookup l) where TKey : notnull
    {
        if (!map.TryGetValue(key, out var list)) map[key] = list = new List<DnsLookup>();
        if (list.Count == 0 || !ReferenceEquals(list[^1], l)) list.Add(l);
    }
}
