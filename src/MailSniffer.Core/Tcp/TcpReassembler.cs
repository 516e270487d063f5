using System.Buffers;
using MailSniffer.Core.Capture;
using MailSniffer.Core.Flows;
using MailSniffer.Core.Frames;

namespace MailSniffer.Core.Tcp;

/// <summary>
/// Reassembles TCP connections from decoded packets and reports them to an <see cref="IStreamSink"/>: each byte of each
/// direction once and in order, holes as explicit gaps, connection start and end. Handles the handshake or its absence
/// (mid-stream pickup), reordering, retransmission and partial overlap, 32-bit wrap, FIN/RST, port reuse, idle time-out,
/// and caps memory (per connection, in total, and in the number of connections).
/// </summary>
public sealed class TcpReassembler
{
    private readonly Dictionary<FlowKey, TcpConnection> _table = new();
    private readonly FlowActivityList _activity = new();
    private readonly RecentlyClosedFlows _recentlyClosed = new();
    private readonly FlowIdAllocator _ids;
    // Consecutive packets mostly belong to one connection (a data burst, its ACKs): remembering the last one found
    // spares most table look-ups, which hash and compare two 128-bit addresses per packet.
    private FlowKey _lastKey;
    private TcpConnection? _last;

    public TcpReassembler(IStreamSink sink, TcpReassemblerOptions? options = null, FlowIdAllocator? ids = null)
    {
        Sink = sink;
        Options = options ?? new TcpReassemblerOptions();
        _ids = ids ?? new FlowIdAllocator();
    }

    public TcpReassemblerOptions Options { get; }
    public TcpReassemblerStats Stats { get; } = new();

    internal IStreamSink Sink { get; }
    internal long BufferedTotal { get; set; }
    internal long CurrentConnectionPacket { get; private set; }
    internal CaptureTime CurrentTime { get; private set; }

    public void Process(in DecodedPacket p)
    {
        Stats.Packets++;
        CurrentTime = p.Timestamp;
        ExpireIdle(p.Timestamp);

        var key = FlowKey.Create(Transport.Tcp, p.Source, p.SourcePort, p.Destination, p.DestinationPort, out bool srcIsA);
        bool syn = (p.Flags & TcpFlags.Syn) != 0, ack = (p.Flags & TcpFlags.Ack) != 0;
        int wire = Math.Max(p.PayloadLengthOnWire, p.Payload.Length);

        TcpConnection? conn;
        if (_last != null && !_last.Closed && _lastKey.Equals(key)) conn = _last;
        else _table.TryGetValue(key, out conn);
        if (conn != null && syn && !ack && IsNewIncarnation(conn, srcIsA, p.Sequence))
        {
            Stats.PortReuses++;
            Close(conn, conn.ClientToServer.FinSeen || conn.ServerToClient.FinSeen ? FlowEndReason.Fin : FlowEndReason.Timeout, p.Timestamp);
            conn = null;
        }
        if (conn == null)
        {
            if (!syn && _recentlyClosed.TryGet(key, out var closed))
            {
                // Trailing packets (last ACK, RST after FIN) belong to the connection that just ended.
                Stats.LatePackets++;
                closed!.Packets++;
                closed.End = p.Timestamp;
                return;
            }
            if (!syn && wire == 0) { Stats.IgnoredEmptySegments++; return; }
            if ((p.Flags & TcpFlags.Rst) != 0) { Stats.IgnoredEmptySegments++; return; }
            bool senderIsClient = syn ? !ack : !RoleGuesser.SenderLooksLikeServer(p.SourcePort, p.DestinationPort, p.Payload);
            conn = Open(key, senderIsClient ? srcIsA : !srcIsA, p, srcIsA, guessed: !syn);
        }

        conn.Info.Packets++;
        conn.Info.End = p.Timestamp;
        conn.LastSeen = p.Timestamp;
        conn.PacketCount++;
        CurrentConnectionPacket = conn.PacketCount;
        _activity.Touch(conn);

        _last = conn;
        _lastKey = key;
        HandleSegment(conn, srcIsA, p.Sequence, p.Acknowledgment, p.Flags, p.Payload, wire, p.Timestamp, replay: false);
        if (!conn.Closed) AfterSegment(conn, p.Timestamp);
    }

    /// <summary>Closes connections idle for longer than the time-out (in capture time).</summary>
    public void ExpireIdle(CaptureTime now)
    {
        long limit = now.UnixNanoseconds - Options.IdleTimeout.Ticks * 100;
        while (_activity.Oldest is TcpConnection old && old.LastSeen.UnixNanoseconds < limit)
        {
            Stats.ConnectionsTimedOut++;
            Close(old, FlowEndReason.Timeout, now);
        }
    }

    /// <summary>End of capture: every open connection is flushed (holes become gaps) and closed, in id order.</summary>
    public void Finish(CaptureTime now)
    {
        var open = _table.Values.OrderBy(c => c.Info.Id).ToList();
        foreach (var c in open)
            Close(c, c.ClientToServer.FinSeen || c.ServerToClient.FinSeen ? FlowEndReason.Fin : FlowEndReason.CaptureEnd, now);
    }

    private TcpConnection Open(FlowKey key, bool clientIsA, in DecodedPacket p, bool srcIsA, bool guessed)
    {
        if (_table.Count >= Options.MaxFlows && _activity.Oldest is TcpConnection victim)
        {
            Stats.ConnectionsEvicted++;
            Close(victim, FlowEndReason.Timeout, p.Timestamp);
        }
        var a = new IpEndpoint(key.AddressA.ToIPAddress(), key.PortA);
        var b = new IpEndpoint(key.AddressB.ToIPAddress(), key.PortB);
        var info = new FlowInfo(_ids.Next(), Transport.Tcp, clientIsA ? a : b, clientIsA ? b : a, p.Timestamp)
        {
            RolesGuessed = guessed,
        };
        var conn = new TcpConnection(this, info, key, clientIsA);
        _table[key] = conn;
        _recentlyClosed.Forget(key);
        Stats.ConnectionsOpened++;
        Sink.FlowStarted(info);
        return conn;
    }

    private static bool IsNewIncarnation(TcpConnection conn, bool srcIsA, uint seq)
    {
        var half = conn.Half(conn.DirectionOf(srcIsA));
        if (!half.Initialized) return false;
        if (half.BaseSeq == unchecked(seq + 1)) return false; // a retransmitted SYN
        // A SYN after the old connection closed, or far from its sequence space, starts a new one.
        bool closing = conn.ClientToServer.FinSeen || conn.ServerToClient.FinSeen;
        long off = half.ToOffset(seq);
        return closing || off < -(1L << 20) || off > half.Next + (1L << 24);
    }

    private void HandleSegment(TcpConnection conn, bool srcIsA, uint seq, uint ackNo, TcpFlags flags,
        ReadOnlySpan<byte> payload, int wire, CaptureTime ts, bool replay)
    {
        var dir = conn.DirectionOf(srcIsA);
        var half = conn.Half(dir);
        var peer = conn.Half(dir.Reverse());
        bool syn = (flags & TcpFlags.Syn) != 0, ack = (flags & TcpFlags.Ack) != 0;

        if (!replay && syn)
        {
            if (!half.Initialized) half.Initialize(unchecked(seq + 1));
            if (ack) conn.SynAckSeen = true; else conn.SynSeen = true;
            if (conn.SynSeen && conn.SynAckSeen) conn.Info.HandshakeSeen = true;
        }
        if ((flags & TcpFlags.Rst) != 0)
        {
            Close(conn, FlowEndReason.Rst, ts);
            return;
        }
        if (ack) peer.OnPeerAck(ackNo, conn.PacketCount);

        uint dataSeq = syn ? unchecked(seq + 1) : seq;
        if (wire > 0)
        {
            if (!half.Initialized) half.Initialize(dataSeq);
            // We hold the peer's reply to bytes of ours that never came, and this segment acknowledges that reply:
            // the sender has moved on, so those bytes were lost in the capture, not reordered. Declare the gap now and
            // release the reply, or both directions would wait on each other.
            if (ack && !replay && conn.Deferred.Count > 0 && conn.DeferredDirection != dir && peer.Initialized
                && peer.ToOffset(ackNo) > peer.Next)
            {
                half.GiveUpHole(conn.Info, ts);
                ReplayDeferred(conn);
                if (conn.Closed) return;
            }
            // This data answers bytes of the other direction we have not delivered yet: hold it until they come
            // (or are declared lost), so decoders see the command before its reply.
            if (ack && !replay && ShouldDefer(conn, peer, ackNo, dir))
            {
                Defer(conn, srcIsA, seq, ackNo, flags, payload, wire, ts);
                return;
            }
            half.AddSegment(conn.Info, half.ToOffset(dataSeq), payload, wire, ts);
        }
        if ((flags & TcpFlags.Fin) != 0)
        {
            if (!half.Initialized) half.Initialize(dataSeq);
            half.MarkFin(half.ToOffset(dataSeq) + wire);
        }
    }

    private bool ShouldDefer(TcpConnection conn, TcpHalfStream peer, uint ackNo, Direction dir)
    {
        if (conn.Deferred.Count > 0 && conn.DeferredDirection == dir) return true; // keep this direction's order
        if (!peer.Initialized) return false;
        long acked = peer.ToOffset(ackNo);
        if (peer.FinSeen) acked = Math.Min(acked, peer.FinOffset);
        return acked > peer.Next && acked - peer.Next < Options.MaxBufferedBytesPerConnection;
    }

    private void Defer(TcpConnection conn, bool srcIsA, uint seq, uint ackNo, TcpFlags flags, ReadOnlySpan<byte> payload, int wire, CaptureTime ts)
    {
        var copy = ArrayPool<byte>.Shared.Rent(Math.Max(payload.Length, 1));
        payload.CopyTo(copy);
        conn.Deferred.Add(new DeferredSegment(srcIsA, seq, ackNo, flags, copy, payload.Length, wire, ts));
        conn.DeferredDirection = conn.DirectionOf(srcIsA);
        conn.DeferredBytes += payload.Length;
        BufferedTotal += payload.Length;
        if (BufferedTotal > Stats.PeakBufferedBytes) Stats.PeakBufferedBytes = BufferedTotal;
        var peer = conn.Half(conn.DeferredDirection.Reverse());
        if (peer.HoleAckedAt < 0) peer.MarkHoleAcked(conn.PacketCount);
    }

    /// <summary>After each segment: declare holes lost when their reorder window has passed, release deferred data, detect close.</summary>
    private void AfterSegment(TcpConnection conn, CaptureTime ts)
    {
        for (int round = 0; round < 4; round++)
        {
            bool changed = TryGiveUpHole(conn, conn.ClientToServer, ts);
            changed |= TryGiveUpHole(conn, conn.ServerToClient, ts);
            changed |= ReplayDeferred(conn);
            if (!changed) break;
        }
        if (conn.ClientToServer.FinDelivered && conn.ServerToClient.FinDelivered && conn.Deferred.Count == 0)
            Close(conn, FlowEndReason.Fin, ts);
    }

    private bool TryGiveUpHole(TcpConnection conn, TcpHalfStream half, CaptureTime ts)
    {
        bool windowPassed = half.HoleAckedAt >= 0
            && (conn.PacketCount - half.HoleAckedAt >= Options.ReorderWindowPackets
                || ts.UnixNanoseconds - half.HoleAckedTime.UnixNanoseconds > Options.ReorderWindowTime.Ticks * 100);
        bool blocksDeferred = conn.Deferred.Count > 0 && half == conn.Half(conn.DeferredDirection.Reverse());
        bool overCap = blocksDeferred
            && (conn.DeferredBytes > Options.MaxBufferedBytesPerConnection || BufferedTotal > Options.MaxBufferedBytesTotal);
        if (!windowPassed && !overCap) return false;
        if (!windowPassed) Stats.HolesForcedByMemoryCap++;
        half.GiveUpHole(conn.Info, ts);
        return true;
    }

    private bool ReplayDeferred(TcpConnection conn)
    {
        if (conn.Deferred.Count == 0) return false;
        var peer = conn.Half(conn.DeferredDirection.Reverse());
        int released = 0;
        foreach (var d in conn.Deferred)
        {
            long acked = peer.ToOffset(d.Acknowledgment);
            if (peer.FinSeen) acked = Math.Min(acked, peer.FinOffset);
            if (acked > peer.Next) break;
            released++;
        }
        if (released == 0) return false;
        var batch = conn.Deferred.GetRange(0, released);
        conn.Deferred.RemoveRange(0, released);
        foreach (var d in batch)
        {
            conn.DeferredBytes -= d.Length;
            BufferedTotal -= d.Length;
            HandleSegment(conn, d.SourceIsA, d.Sequence, d.Acknowledgment, d.Flags, d.Data.AsSpan(0, d.Length), d.WireLength, d.Timestamp, replay: true);
            ArrayPool<byte>.Shared.Return(d.Data);
            if (conn.Closed) break;
        }
        return true;
    }

    private void Close(TcpConnection conn, FlowEndReason reason, CaptureTime ts)
    {
        if (!_table.Remove(conn.Key)) return;
        conn.Closed = true;
        // Flush in an order that keeps causality: the direction whose bytes the deferred data answers goes first.
        var first = conn.Deferred.Count > 0 ? conn.Half(conn.DeferredDirection.Reverse()) : conn.ClientToServer;
        first.Flush(conn.Info, ts);
        var deferred = conn.Deferred.ToArray();
        conn.Deferred.Clear();
        foreach (var d in deferred)
        {
            var half = conn.Half(conn.DirectionOf(d.SourceIsA));
            uint dataSeq = (d.Flags & TcpFlags.Syn) != 0 ? unchecked(d.Sequence + 1) : d.Sequence;
            if (half.Initialized) half.AddSegment(conn.Info, half.ToOffset(dataSeq), d.Data.AsSpan(0, d.Length), d.WireLength, d.Timestamp);
            if ((d.Flags & TcpFlags.Fin) != 0 && half.Initialized) half.MarkFin(half.ToOffset(dataSeq) + d.WireLength);
            BufferedTotal -= d.Length;
            ArrayPool<byte>.Shared.Return(d.Data);
        }
        conn.DeferredBytes = 0;
        conn.ClientToServer.Flush(conn.Info, ts);
        conn.ServerToClient.Flush(conn.Info, ts);
        conn.ClientToServer.ReleaseBuffers();
        conn.ServerToClient.ReleaseBuffers();
        _activity.Remove(conn);
        _recentlyClosed.Add(conn.Key, conn.Info);
        conn.Info.EndReason = reason;
        Sink.FlowEnded(conn.Info);
    }
}
