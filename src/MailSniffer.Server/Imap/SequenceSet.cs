using System.Globalization;

namespace MailSniffer.Server.Imap;

/// <summary>An IMAP sequence set ("1:3,5,7:*"), resolved against the largest number in use for "*".</summary>
public sealed class SequenceSet
{
    private readonly List<(uint Low, uint High)> _ranges;

    private SequenceSet(List<(uint, uint)> ranges) => _ranges = ranges;

    public static SequenceSet? Parse(string text, uint max)
    {
        var ranges = new List<(uint, uint)>();
        foreach (var part in text.Split(','))
        {
            var colon = part.IndexOf(':');
            if (colon < 0)
            {
                if (!TryNumber(part, max, out var n)) return null;
                ranges.Add((n, n));
            }
            else
            {
                if (!TryNumber(part[..colon], max, out var a) || !TryNumber(part[(colon + 1)..], max, out var b)) return null;
                ranges.Add((Math.Min(a, b), Math.Max(a, b)));
            }
            if (ranges.Count > 10_000) return null;
        }
        return ranges.Count == 0 ? null : new SequenceSet(ranges);
    }

    public bool Contains(uint n) => _ranges.Any(r => n >= r.Low && n <= r.High);

    private static bool TryNumber(string s, uint max, out uint n)
    {
        if (s == "*")
        {
            n = max;
            return true;
        }
        return uint.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out n) && n > 0;
    }
}
