using MailSniffer.Core.Frames;

namespace MailSniffer.Core.Flows;

/// <summary>
/// A direction-free key for a connection: the two endpoints in a canonical order, so both directions of one connection
/// find the same entry without allocating.
/// </summary>
public readonly record struct FlowKey(IpAddress128 AddressA, ushort PortA, IpAddress128 AddressB, ushort PortB, Transport Transport)
{
    /// <summary>Builds the key and says whether (src, sport) is endpoint A.</summary>
    public static FlowKey Create(Transport transport, IpAddress128 src, ushort sport, IpAddress128 dst, ushort dport, out bool sourceIsA)
    {
        int cmp = Compare(src, sport, dst, dport);
        sourceIsA = cmp <= 0;
        return sourceIsA
            ? new FlowKey(src, sport, dst, dport, transport)
            : new FlowKey(dst, dport, src, sport, transport);
    }

    private static int Compare(IpAddress128 a, ushort pa, IpAddress128 b, ushort pb)
    {
        int c = a.High.CompareTo(b.High);
        if (c != 0) return c;
        c = a.Low.CompareTo(b.Low);
        return c != 0 ? c : pa.CompareTo(pb);
    }
}
