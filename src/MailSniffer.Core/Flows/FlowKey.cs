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

    // Written out rather than left to the record: the generated members go through EqualityComparer<T>.Default for
    // each field and for IpAddress128's fields in turn, and this lookup runs once per packet.
    public bool Equals(FlowKey other) =>
        AddressA.Low == other.AddressA.Low && AddressB.Low == other.AddressB.Low && PortA == other.PortA && PortB == other.PortB &&
        AddressA.High == other.AddressA.High && AddressB.High == other.AddressB.High &&
        AddressA.IsV4 == other.AddressA.IsV4 && AddressB.IsV4 == other.AddressB.IsV4 && Transport == other.Transport;

    public override int GetHashCode() =>
        HashCode.Combine(AddressA.High ^ AddressA.Low, AddressB.High ^ AddressB.Low, PortA | PortB << 16, (int)Transport);

    private static int Compare(IpAddress128 a, ushort pa, IpAddress128 b, ushort pb)
    {
        int c = a.High.CompareTo(b.High);
        if (c != 0) return c;
        c = a.Low.CompareTo(b.Low);
        return c != 0 ? c : pa.CompareTo(pb);
    }
}
