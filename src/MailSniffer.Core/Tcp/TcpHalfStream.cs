using System.Buffers;
using MailSniffer.Core.Capture;
using MailSniffer.Core.Flows;

namespace MailSniffer.Core.Tcp;

/// <summary>
/// One direction of a TCP connection: turns segments (any order, repeated, overlapping) into bytes delivered once, in order,
/// with explicit gaps. Sequence numbers are mapped to 64-bit stream offsets relative to the current position, so 32-bit
/// wrap-around and streams over 4 GiB need no special case.
/// </summary>
/// <remarks>
/// Overlap policy: bytes already delivered are never replaced (a later, different copy is dropped and counted as
/// retransmitted). Among buffered segments the one starting lowest is used first; at equal starts the first to arrive
/// wins. This equals "first copy wins" for the in-order data that is the overwhelming case.
/// </remarks>
internal sealed class TcpHalfStream
{
    private readonly TcpReassembler _owner;
    private readonly Direction _direction;
    private List<BufferedSegment>? _pending;

    public TcpHalfStream(TcpReassembler owner, Direction direction)
    {
        _owner = owner;
        _direction = direction;
    }

    public bool Initialized { get; private set; }
    /// <summary>Sequence number of stream offset 0.</summary>
    public uint BaseSeq { get; private set; }
    /// <summary>Next offset to deliver.</summary>
    public long Next { get; private set; }
    /// <summary>Offset at which the sender's FIN sits (the stream's length), or -1.</summary>
    public long FinOffset { get; private set; } = -1;
    public bool FinSeen => FinOffset >= 0;
    public bool FinDelivered => FinOffset >= 0 && Next >= FinOffset;
    /// <summary>Highest offset the peer acknowledged, or -1.</summary>
    public long AckedByPeer { get; private set; } = -1;
    /// <summary>Connection packet count when the peer first acknowledged past a hole here, or -1.</summary>
    public long HoleAckedAt { get; private set; } = -1;
    /// <summary>Capture time when <see cref="HoleAckedAt"/> was set.</summary>
    public CaptureTime HoleAckedTime { get; private set; }
    public int BufferedBytes { get; private set; }
    public bool HasHole => _pending is { Count: > 0 };

    public void Initialize(uint firstDataSeq)
    {
        Initialized = true;
        BaseSeq = firstDataSeq;
        Next = 0;
    }

    public long ToOffset(uint seq) => Next + (int)(seq - unchecked(BaseSeq + (uint)Next));

    public void MarkFin(long offset)
    {
        if (FinOffset < 0 || offset < FinOffset) FinOffset = Math.Max(offset, 0);
    }

    public void OnPeerAck(uint ack, long connectionPacket)
    {
        if (!Initialized) return;
        long off = ToOffset(ack);
        // An ACK far beyond what could have been sent is garbage (or a different connection): ignore it.
        if (off < Next - (1L << 30) || off > Next + (1L << 30)) return;
        // The FIN occupies one sequence number that carries no byte.
        if (FinSeen && off > FinOffset) off = FinOffset;
        if (off > AckedByPeer) AckedByPeer = off;
        if ((HasHole || FinOffset > Next) && AckedByPeer > Next && HoleAckedAt < 0) StartHoleWindow(connectionPacket);
    }

    private void StartHoleWindow(long connectionPacket)
    {
        HoleAckedAt = connectionPacket;
        HoleAckedTime = _owner.CurrentTime;
    }

    /// <summary>Starts the reorder window for bytes the peer has acknowledged but we have not seen.</summary>
    public void MarkHoleAcked(long connectionPacket)
    {
        if (HoleAckedAt < 0) StartHoleWindow(connectionPacket);
    }

    /// <summary>Adds a segment's payload. <paramref name="wireLength"/> ≥ data.Length when the snaplen cut the payload.</summary>
    public void AddSegment(FlowInfo flow, long offset, ReadOnlySpan<byte> data, int wireLength, CaptureTime ts)
    {
        long end = offset + wireLength;
        if (end <= Next)
        {
            _owner.Stats.RetransmittedBytes += wireLength;
            return;
        }
        if (offset <= Next)
        {
            int skip = (int)(Next - offset);
            if (skip > 0) _owner.Stats.RetransmittedBytes += Math.Min(skip, wireLength);
            DeliverSegment(flow, offset, data, wireLength, ts);
            Drain(flow);
            return;
        }
        Buffer(flow, offset, data, wireLength, ts);
    }

    /// <summary>Gives up the first hole: reports it as a gap and delivers what was buffered after it.</summary>
    public void GiveUpHole(FlowInfo flow, CaptureTime ts)
    {
        long target;
        if (HasHole) target = _pending![0].Offset;
        else if (FinOffset > Next) target = FinOffset;
        else if (AckedByPeer > Next) target = AckedByPeer;
        else return;
        if (target <= Next) { HoleAckedAt = -1; return; }
        EmitGap(flow, target - Next, HasHole ? _pending![0].Timestamp : ts);
        Next = target;
        HoleAckedAt = -1;
        Drain(flow);
    }

    /// <summary>At close: everything buffered is delivered with gaps for what never came, including data the peer acknowledged.</summary>
    public void Flush(FlowInfo flow, CaptureTime ts)
    {
        int guard = 0;
        while (HasHole && guard++ < 1_000_000) GiveUpHole(flow, ts);
        long known = FinSeen ? FinOffset : AckedByPeer;
        if (Initialized && known > Next && known - Next < (1L << 30))
        {
            EmitGap(flow, known - Next, ts);
            Next = known;
        }
    }

    public void ReleaseBuffers()
    {
        if (_pending == null) return;
        foreach (var s in _pending) ArrayPool<byte>.Shared.Return(s.Data);
        _owner.BufferedTotal -= BufferedBytes;
        BufferedBytes = 0;
        _pending = null;
    }

    private void DeliverSegment(FlowInfo flow, long offset, ReadOnlySpan<byte> data, int wireLength, CaptureTime ts)
    {
        int skip = (int)(Next - offset);
        if (skip < data.Length)
        {
            var fresh = data[skip..];
            Next += fresh.Length;
            AddDelivered(flow, fresh.Length);
            _owner.Sink.StreamData(flow, _direction, fresh, ts);
        }
        long end = offset + wireLength;
        if (end > Next)
        {
            // The snaplen cut this segment: the bytes existed but were not captured.
            EmitGap(flow, end - Next, ts);
            Next = end;
        }
    }

    private void Drain(FlowInfo flow)
    {
        if (_pending == null) return;
        int removed = 0;
        while (removed < _pending.Count && _pending[removed].Offset <= Next)
        {
            var s = _pending[removed];
            if (s.End > Next)
                DeliverSegment(flow, s.Offset, s.Data.AsSpan(0, s.Length), s.WireLength, s.Timestamp);
            else
                _owner.Stats.RetransmittedBytes += s.WireLength;
            ArrayPool<byte>.Shared.Return(s.Data);
            BufferedBytes -= s.Length;
            _owner.BufferedTotal -= s.Length;
            removed++;
        }
        if (removed > 0) _pending.RemoveRange(0, removed);
        if (_pending.Count == 0) HoleAckedAt = -1;
        else if (AckedByPeer <= Next) HoleAckedAt = -1;
    }

    private void Buffer(FlowInfo flow, long offset, ReadOnlySpan<byte> data, int wireLength, CaptureTime ts)
    {
        _pending ??= new List<BufferedSegment>(4);
        int i = _pending.Count;
        while (i > 0 && _pending[i - 1].Offset > offset) i--;
        // An exact duplicate of a buffered segment costs nothing to drop now.
        if (i > 0 && _pending[i - 1].Offset == offset && _pending[i - 1].WireLength >= wireLength)
        {
            _owner.Stats.RetransmittedBytes += wireLength;
            return;
        }
        _owner.Stats.OutOfOrderSegments++;
        var copy = ArrayPool<byte>.Shared.Rent(Math.Max(data.Length, 1));
        data.CopyTo(copy);
        _pending.Insert(i, new BufferedSegment
        {
            Offset = offset, Data = copy, Length = data.Length, WireLength = wireLength, Timestamp = ts
        });
        BufferedBytes += data.Length;
        _owner.BufferedTotal += data.Length;
        if (_owner.BufferedTotal > _owner.Stats.PeakBufferedBytes) _owner.Stats.PeakBufferedBytes = _owner.BufferedTotal;
        if (AckedByPeer > Next && HoleAckedAt < 0) StartHoleWindow(_owner.CurrentConnectionPacket);

        // Memory caps: a hole that would make us hold too much is declared lost.
        int guard = 0;
        while (HasHole && (BufferedBytes > _owner.Options.MaxBufferedBytesPerConnection
                           || _owner.BufferedTotal > _owner.Options.MaxBufferedBytesTotal) && guard++ < 100_000)
        {
            _owner.Stats.HolesForcedByMemoryCap++;
            flow.DroppedBytes += _pending![0].Offset - Next;
            GiveUpHole(flow, ts);
        }
    }

    private void EmitGap(FlowInfo flow, long length, CaptureTime ts)
    {
        if (length <= 0) return;
        flow.Gaps++;
        flow.GapBytes += length;
        _owner.Stats.GapsDeclared++;
        _owner.Stats.GapBytes += length;
        _owner.Sink.StreamGap(flow, _direction, length, ts);
    }

    private void AddDelivered(FlowInfo flow, int n)
    {
        if (_direction == Direction.ClientToServer) flow.BytesClientToServer += n;
        else flow.BytesServerToClient += n;
        _owner.Stats.PayloadBytes += n;
    }
}
