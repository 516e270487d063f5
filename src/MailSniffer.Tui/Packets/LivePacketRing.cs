using MailSniffer.Core.Capture;
using MailSniffer.Core.Flows;

namespace MailSniffer.Tui.Packets;

/// <summary>
/// For live capture (nothing to read again): the most recent frames, copied into one circular buffer of
/// <see cref="MaxBytes"/> allocated once, so keeping them costs no allocation per packet (a copy per frame made the
/// capture thread 2.5 times slower through garbage collection). At most <see cref="MaxPerConnection"/> frames are
/// listed per connection; the oldest go first and are counted as not listed. Frames are copied out on
/// <see cref="Fetch"/>, so the UI never sees bytes that are later overwritten.
/// </summary>
public sealed class LivePacketRing : IPacketStore
{
    public const int MaxPerConnection = 2_000;
    public const long MaxBytes = 64L * 1024 * 1024;
    public const int MaxConnections = 100_000;
    private readonly object _gate = new();
    private readonly byte[] _buffer;
    private readonly int _maxPerConnection;
    private readonly Dictionary<FlowKey, Ring> _rings = new();
    // Every stored frame in arrival order: space is freed from the oldest, whichever connection it belongs to.
    private readonly Queue<(FlowKey Key, long Position, int Length)> _arrivals = new();
    // Logical byte positions: _tail is the oldest byte still valid, _head where the next frame goes.
    private long _head, _tail;

    public LivePacketRing(long maxBytes = MaxBytes, int maxPerConnection = MaxPerConnection)
    {
        // Pages of an uninitialised array are only committed when written: memory grows with the traffic, up to the cap.
        _buffer = GC.AllocateUninitializedArray<byte>((int)Math.Min(maxBytes, Array.MaxLength));
        _maxPerConnection = maxPerConnection;
    }

    public long KeptBytes { get { lock (_gate) return _head - _tail; } }

    public void Record(long number, in RawPacket raw, FlowKey key)
    {
        int length = raw.Data.Length;
        if (length > _buffer.Length) return;
        lock (_gate)
        {
            long position = _head;
            // A frame never wraps around the end of the buffer: skip to the start instead.
            if (position % _buffer.Length + length > _buffer.Length) position += _buffer.Length - position % _buffer.Length;
            while (_arrivals.Count > 0 && position + length - _tail > _buffer.Length) EvictOldest();
            if (_arrivals.Count == 0) _tail = position;
            raw.Data.CopyTo(_buffer.AsSpan((int)(position % _buffer.Length), length));
            _head = position + length;
            if (!_rings.TryGetValue(key, out var ring))
            {
                if (_rings.Count >= MaxConnections) ForgetOldestConnection();
                _rings[key] = ring = new Ring();
            }
            ring.Frames.Enqueue(new Slot(position, length, number, raw.Timestamp, raw.LinkType, raw.OriginalLength));
            _arrivals.Enqueue((key, position, length));
            if (ring.Frames.Count > _maxPerConnection) { ring.Frames.Dequeue(); ring.Dropped++; }
        }
    }

    public PacketListing Fetch(FlowKey key, long fromNs, long untilNs, CancellationToken cancel)
    {
        lock (_gate)
        {
            if (!_rings.TryGetValue(key, out var ring)) return PacketListing.Empty;
            var frames = new List<CapturedFrame>();
            foreach (var s in ring.Frames)
                if (s.Timestamp.UnixNanoseconds >= fromNs && s.Timestamp.UnixNanoseconds < untilNs)
                    frames.Add(new CapturedFrame(s.Number, s.Timestamp, s.LinkType, _buffer.AsSpan((int)(s.Position % _buffer.Length), s.Length).ToArray(), s.OriginalLength));
            return new PacketListing(frames, ring.Dropped);
        }
    }

    private void EvictOldest()
    {
        var (key, position, length) = _arrivals.Dequeue();
        _tail = _arrivals.Count > 0 ? _arrivals.Peek().Position : position + length;
        // Its connection may already have let it go (per-connection cap) or been forgotten.
        if (_rings.TryGetValue(key, out var ring) && ring.Frames.TryPeek(out var oldest) && oldest.Position == position)
        {
            ring.Frames.Dequeue();
            ring.Dropped++;
        }
    }

    private void ForgetOldestConnection()
    {
        // Too many connections: forget the one whose frame is oldest (or any, when the arrivals are all stale).
        FlowKey key = _arrivals.Count > 0 && _rings.ContainsKey(_arrivals.Peek().Key) ? _arrivals.Peek().Key : _rings.Keys.First();
        _rings.Remove(key);
    }

    private readonly record struct Slot(long Position, int Length, long Number, CaptureTime Timestamp, LinkType LinkType, int OriginalLength);

    private sealed class Ring
    {
        public readonly Queue<Slot> Frames = new();
        public long Dropped;
    }
}
