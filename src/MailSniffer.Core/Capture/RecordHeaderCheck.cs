using System.Buffers.Binary;

namespace MailSniffer.Core.Capture;

/// <summary>
/// Whether bytes could be a classic pcap record header: a length within the limit and not above the original length,
/// a sub-second part below one second, and a time near the previous header's (a day either way), when there is one.
/// Used to find the next record after damage; three plausible headers in a row are asked for, so packet bytes rarely
/// pass.
/// </summary>
internal readonly struct RecordHeaderCheck(int recordLimit, bool nanosecond, bool swapped)
{
    private const uint MaxOriginalLength = 1 << 20;
    private const uint Day = 86_400;

    public bool IsPlausible(ReadOnlySpan<byte> header, uint? previousSeconds, out uint seconds, out int length)
    {
        seconds = U32(header);
        uint fraction = U32(header[4..]);
        uint captured = U32(header[8..]);
        uint original = U32(header[12..]);
        length = (int)Math.Min(captured, int.MaxValue);
        if (captured == 0 || captured > (uint)recordLimit) return false;
        if (original < captured || original > MaxOriginalLength) return false;
        if (fraction >= (nanosecond ? 1_000_000_000u : 1_000_000u)) return false;
        if (previousSeconds is uint previous && Math.Abs((long)seconds - previous) > Day) return false;
        return true;
    }

    private uint U32(ReadOnlySpan<byte> s) =>
        swapped ? BinaryPrimitives.ReadUInt32BigEndian(s) : BinaryPrimitives.ReadUInt32LittleEndian(s);
}
