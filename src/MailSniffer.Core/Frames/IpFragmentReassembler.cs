namespace MailSniffer.Core.Frames;

/// <summary>
/// Reassembles IPv4 and IPv6 fragments keyed by (source, destination, identification, protocol), in any arrival order.
/// <para>
/// Overlap policy: <b>first wins</b>. Bytes already received for an offset are kept and later fragments covering
/// them contribute only the bytes that were still missing (counted in <see cref="FrameDecoderStats.FragmentOverlaps"/>).
/// This is the BSD/Linux-like choice and the one that makes a later, overlapping fragment unable to rewrite a
/// header an IDS already inspected. A second "last fragment" claiming a different total length is rejected.
/// </para>
/// <para>
/// Memory is bounded: a datagram may not exceed <see cref="FragmentReassemblyLimits.MaxDatagramBytes"/>; when the
/// held bytes or the number of pending datagrams pass their caps, the oldest incomplete datagram is evicted; an
/// incomplete datagram older than the timeout (in capture time) is dropped. Every drop is counted.
/// </para>
/// The completed payload is a view into the reassembler's buffer, valid until the next call.
/// </summary>
public sealed class IpFragmentReassembler
{
    private readonly FragmentReassemblyLimits _limits;
    private readonly Dictionary<FragmentKey, PendingDatagram> _pending = new();
    private readonly Queue<PendingDatagram> _byAge = new();
    private readonly long _timeoutNs;
    private PendingDatagram? _lastCompleted;
    private long _heldBytes;

    public IpFragmentReassembler(FragmentReassemblyLimits? limits = null, FrameDecoderStats? stats = null)
    {
        _limits = limits ?? new FragmentReassemblyLimits();
        _timeoutNs = _limits.Timeout.Ticks * 100;
        Stats = stats ?? new FrameDecoderStats();
    }

    public FrameDecoderStats Stats { get; }
    public int PendingDatagrams => _pending.Count;
    /// <summary>Buffer bytes currently held by incomplete datagrams.</summary>
    public long HeldBytes => _heldBytes;

    /// <param name="offset">Byte offset of this fragment in the datagram's payload.</param>
    /// <param name="moreFragments">False for the last fragment, which fixes the total length.</param>
    /// <param name="payload">On <see cref="FragmentOutcome.Completed"/>, the whole reassembled payload.</param>
    public FragmentOutcome Add(FragmentKey key, int offset, bool moreFragments, ReadOnlySpan<byte> data, long timestampNs,
        out ReadOnlySpan<byte> payload)
    {
        payload = default;
        if (_lastCompleted is not null)
        {
            _lastCompleted.Release();
            _lastCompleted = null;
        }
        Expire(timestampNs);

        int end = offset + data.Length;
        if (offset < 0 || end > _limits.MaxDatagramBytes)
            return Reject(key);

        if (!_pending.TryGetValue(key, out var datagram))
        {
            datagram = new PendingDatagram(key, timestampNs);
            _pending.Add(key, datagram);
            _byAge.Enqueue(datagram);
            if (_byAge.Count > 4 * _limits.MaxPendingDatagrams + 64)
                CompactAgeQueue();
        }

        if (!moreFragments)
        {
            if (datagram.TotalLength >= 0 && datagram.TotalLength != end)
            {
                Stats.FragmentsRejected++;
                return FragmentOutcome.Rejected;
            }
            if (datagram.HighestEnd > end)
                return Reject(key);
            datagram.TotalLength = end;
        }
        else if (datagram.TotalLength >= 0 && end > datagram.TotalLength)
        {
            // Data beyond the known end: keep what fits (first wins on the length too).
            if (offset >= datagram.TotalLength)
            {
                Stats.FragmentsRejected++;
                return FragmentOutcome.Rejected;
            }
            data = data[..(datagram.TotalLength - offset)];
        }

        int capacityBefore = datagram.Buffer.Length;
        datagram.Add(offset, data, out bool overlapped);
        _heldBytes += datagram.Buffer.Length - capacityBefore;
        if (overlapped)
            Stats.FragmentOverlaps++;
        if (datagram.PieceCount > _limits.MaxPiecesPerDatagram)
            return Reject(key);

        if (datagram.IsComplete)
        {
            _pending.Remove(key);
            _heldBytes -= datagram.Buffer.Length;
            _lastCompleted = datagram;
            Stats.DatagramsReassembled++;
            payload = datagram.Buffer.AsSpan(0, datagram.TotalLength);
            return FragmentOutcome.Completed;
        }

        Stats.FragmentsHeld++;
        EnforceCaps(key);
        return FragmentOutcome.Held;
    }

    /// <summary>Drops incomplete datagrams whose first fragment is older than the timeout at <paramref name="nowNs"/>.</summary>
    public void Expire(long nowNs)
    {
        while (_byAge.TryPeek(out var oldest))
        {
            if (!IsStillPending(oldest))
            {
                _byAge.Dequeue();
                continue;
            }
            if (nowNs - oldest.FirstSeenNs <= _timeoutNs)
                break;
            _byAge.Dequeue();
            Drop(oldest);
            Stats.DatagramsExpired++;
        }
    }

    /// <summary>Drops everything held (end of capture): what is still incomplete counts as expired.</summary>
    public void Flush()
    {
        foreach (var d in _pending.Values)
        {
            d.Release();
            Stats.DatagramsExpired++;
        }
        _pending.Clear();
        _byAge.Clear();
        _heldBytes = 0;
    }

    private void EnforceCaps(in FragmentKey current)
    {
        while ((_heldBytes > _limits.MaxHeldBytes || _pending.Count > _limits.MaxPendingDatagrams) && _byAge.TryDequeue(out var oldest))
        {
            if (!IsStillPending(oldest))
                continue;
            Drop(oldest);
            Stats.DatagramsEvicted++;
            if (oldest.Key == current)
                break;
        }
    }

    /// <summary>Completed datagrams leave stale entries behind the oldest pending one; drop them so the queue stays bounded.</summary>
    private void CompactAgeQueue()
    {
        int n = _byAge.Count;
        for (int i = 0; i < n; i++)
        {
            var d = _byAge.Dequeue();
            if (IsStillPending(d))
                _byAge.Enqueue(d);
        }
    }

    private bool IsStillPending(PendingDatagram d) => _pending.TryGetValue(d.Key, out var current) && ReferenceEquals(current, d);

    private FragmentOutcome Reject(in FragmentKey key)
    {
        Stats.FragmentsRejected++;
        if (_pending.TryGetValue(key, out var d))
            Drop(d);
        return FragmentOutcome.Rejected;
    }

    private void Drop(PendingDatagram d)
    {
        _pending.Remove(d.Key);
        _heldBytes -= d.Buffer.Length;
        d.Release();
    }
}
