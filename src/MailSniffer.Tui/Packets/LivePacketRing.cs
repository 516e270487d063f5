using MailSniffer.Core.Capture;
using MailSniffer.Core.Flows;

namespace MailSniffer.Tui.Packets;

/// <summary>
/// For live capture (nothing to read again): copies of the most recent frames, at most <see cref="MaxPerConnection"/>
/// per connection and <see cref="MaxBytes"/> in all; the oldest go first, and are counted as not listed.
/// </summary>
public sealed class LivePacketRing : IPacketStore
{
    public const int MaxPerConnection = 2_000;
    public const long MaxBytes = 64L * 1024 * 1024;
    public const int MaxConnections = 100_000;
    private readonly object _gate = new();
    private readonly Dictionary<FlowKey, Ring> _rings = new();
    // Every kept frame in arrival order, so the globally oldest can be dropped when the byte budget is spent.
    private readonly Queue<(FlowKey Key, Kept Frame)> _arrivals = new();
    private readonly long _maxBytes;
    private readonly int _maxPerConnection;
    private long _bytes;

    public LivePacketRing(long maxBytes = MaxBytes, int maxPerConnection = MaxPerConnection)
    {
        _maxBytes = maxBytes;
        _maxPerConnection = maxPerConnection;
    }

    public long KeptBytes { get { lock (_gate) return _bytes; } }

    public void Record(long number, in RawPacket raw, FlowKey key)
    {
        var frame = new Kept(new CapturedFrame(number, raw.Timestamp, raw.LinkType, raw.Data.ToArray(), raw.OriginalLength));
        lock (_gate)
        {
            if (!_rings.TryGetValue(key, out var ring))
            {
                if (_rings.Count >= MaxConnections) EvictOldestConnection();
                _rings[key] = ring = new Ring();
            }
            ring.Frames.Enqueue(frame);
            _arrivals.Enqueue((key, frame));
            _bytes += frame.Size;
            if (ring.Frames.Count > _maxPerConnection) Drop(ring);
            while (_bytes > _maxBytes && _arrivals.TryDequeue(out var oldest))
                if (!oldest.Frame.Dropped && _rings.TryGetValue(oldest.Key, out var r)) Drop(r);
            // Arrivals of frames already dropped by their connection's cap are skipped lazily; keep the queue from growing.
            while (_arrivals.TryPeek(out var head) && head.Frame.Dropped) _arrivals.Dequeue();
        }
    }

    public PacketListing Fetch(FlowKey key, long fromNs, long untilNs, CancellationToken cancel)
    {
        lock (_gate)
        {
            if (!_rings.TryGetValue(key, out var ring)) return PacketListing.Empty;
            var frames = ring.Frames.Select(k => k.Frame).Where(f => f.Timestamp.UnixNanoseconds >= fromNs && f.Timestamp.UnixNanoseconds < untilNs).ToList();
            return new PacketListing(frames, ring.Dropped);
        }
    }

    private void Drop(Ring ring)
    {
        // A connection's frames leave in arrival order, so its oldest is the one the global queue points at.
        var oldest = ring.Frames.Dequeue();
        oldest.Dropped = true;
        oldest.Frame = null!;
        _bytes -= oldest.Size;
        ring.Dropped++;
    }

    private void EvictOldestConnection()
    {
        // Too many connections: forget the one whose frame is oldest (or any, when no frame is kept at all).
        FlowKey key = _arrivals.TryPeek(out var head) ? head.Key : _rings.Keys.First();
        var ring = _rings[key];
        while (ring.Frames.Count > 0) Drop(ring);
        _rings.Remove(key);
    }

    private sealed class Ring
    {
        public readonly Queue<Kept> Frames = new();
        public long Dropped;
    }

    private sealed class Kept(CapturedFrame frame)
    {
        public CapturedFrame Frame = frame;
        public readonly int Size = frame.Data.Length + 64;
        public bool Dropped;
    }
}
