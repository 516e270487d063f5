using System.Buffers;

namespace MailSniffer.Core.Frames;

/// <summary>
/// The fragments of one datagram received so far: a pooled buffer plus the sorted, merged list of byte ranges
/// already filled. Bytes already present are never overwritten (first-wins).
/// </summary>
internal sealed class PendingDatagram
{
    private readonly List<(int Start, int End)> _pieces = new(4);

    public PendingDatagram(FragmentKey key, long firstSeenNs)
    {
        Key = key;
        FirstSeenNs = firstSeenNs;
    }

    public FragmentKey Key { get; }
    public long FirstSeenNs { get; }
    public byte[] Buffer { get; private set; } = [];
    /// <summary>Payload length, known once the last fragment (MF = 0) arrived; -1 before.</summary>
    public int TotalLength { get; set; } = -1;
    public int PieceCount => _pieces.Count;
    public int HighestEnd => _pieces.Count == 0 ? 0 : _pieces[^1].End;
    public bool IsComplete => TotalLength >= 0 && _pieces.Count == 1 && _pieces[0].Start == 0 && _pieces[0].End == TotalLength;

    /// <summary>Copies the bytes of [start, start+data.Length) that no earlier fragment supplied. Returns new bytes added and whether any overlapped.</summary>
    public int Add(int start, ReadOnlySpan<byte> data, out bool overlapped)
    {
        int end = start + data.Length;
        EnsureCapacity(end);
        int added = 0;
        overlapped = false;
        int cursor = start;
        int i = 0;
        while (i < _pieces.Count && _pieces[i].End < start)
            i++;
        // Walk the existing pieces that touch [start, end), filling only the holes between them.
        int firstTouching = i;
        while (cursor < end && i < _pieces.Count && _pieces[i].Start <= end)
        {
            var p = _pieces[i];
            if (p.Start > cursor)
            {
                data.Slice(cursor - start, p.Start - cursor).CopyTo(Buffer.AsSpan(cursor));
                added += p.Start - cursor;
            }
            if (p.End > cursor && p.Start < end)
                overlapped |= Math.Min(p.End, end) > Math.Max(p.Start, start);
            cursor = Math.Max(cursor, p.End);
            i++;
        }
        if (cursor < end)
        {
            data.Slice(cursor - start).CopyTo(Buffer.AsSpan(cursor));
            added += end - cursor;
        }
        // Merge [start, end) with every piece it touches (adjacent pieces included).
        int mergedStart = start, mergedEnd = end;
        int j = firstTouching;
        while (j < _pieces.Count && _pieces[j].Start <= end)
        {
            mergedStart = Math.Min(mergedStart, _pieces[j].Start);
            mergedEnd = Math.Max(mergedEnd, _pieces[j].End);
            j++;
        }
        _pieces.RemoveRange(firstTouching, j - firstTouching);
        _pieces.Insert(firstTouching, (mergedStart, mergedEnd));
        return added;
    }

    private void EnsureCapacity(int size)
    {
        if (Buffer.Length >= size)
            return;
        var bigger = ArrayPool<byte>.Shared.Rent(Math.Max(size, Math.Min(Buffer.Length * 2, 65_536)));
        Buffer.AsSpan().CopyTo(bigger);
        Release();
        Buffer = bigger;
    }

    public void Release()
    {
        if (Buffer.Length > 0)
            ArrayPool<byte>.Shared.Return(Buffer);
        Buffer = [];
    }
}
