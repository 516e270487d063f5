using MailSniffer.Core.Capture;
using MailSniffer.Core.Flows;

namespace MailSniffer.Tui.Packets;

/// <summary>
/// For a capture file: per connection, the numbers and times of its frames (16 bytes each, never the bytes), up to
/// <see cref="MaxPerConnection"/> per connection and <see cref="MaxFrames"/> in all. <see cref="Fetch"/> reads the
/// file again and copies only the wanted frames, stopping after the last one.
/// </summary>
public sealed class FilePacketIndex : IPacketStore
{
    public const int MaxPerConnection = 10_000;
    public const long MaxFrames = 4_000_000;
    public const int MaxConnections = 1_000_000;
    private readonly object _gate = new();
    private readonly string _path;
    private readonly Dictionary<FlowKey, Entry> _entries = new();
    private long _frames;

    public FilePacketIndex(string path) => _path = path;

    /// <summary>Frames not indexed because a cap was reached (said on screen as "not listed").</summary>
    public long NotIndexed { get; private set; }

    public void Record(long number, in RawPacket raw, FlowKey key)
    {
        lock (_gate)
        {
            if (!_entries.TryGetValue(key, out var entry))
            {
                if (_entries.Count >= MaxConnections) { NotIndexed++; return; }
                _entries[key] = entry = new Entry();
            }
            if (entry.Frames.Count >= MaxPerConnection || _frames >= MaxFrames) { entry.NotListed++; NotIndexed++; return; }
            entry.Frames.Add(new FrameRef(number, raw.Timestamp.UnixNanoseconds));
            _frames++;
        }
    }

    public PacketListing Fetch(FlowKey key, long fromNs, long untilNs, CancellationToken cancel)
    {
        List<FrameRef> wanted;
        long notListed;
        lock (_gate)
        {
            if (!_entries.TryGetValue(key, out var entry)) return PacketListing.Empty;
            wanted = entry.Frames.Where(f => f.TimestampNs >= fromNs && f.TimestampNs < untilNs).ToList();
            // Frames past the cap cannot be placed in time; count them against the conversation that reached it.
            notListed = entry.Frames.Count > 0 && entry.Frames[^1].TimestampNs < untilNs ? entry.NotListed : 0;
        }
        if (wanted.Count == 0) return new PacketListing(Array.Empty<CapturedFrame>(), notListed);
        try
        {
            return new PacketListing(ReadFrames(wanted, cancel), notListed);
        }
        catch (OperationCanceledException) { throw; }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or CaptureFormatException)
        {
            return new PacketListing(Array.Empty<CapturedFrame>(), notListed, $"cannot read {Path.GetFileName(_path)} again: {e.Message}");
        }
    }

    private List<CapturedFrame> ReadFrames(List<FrameRef> wanted, CancellationToken cancel)
    {
        var frames = new List<CapturedFrame>(wanted.Count);
        using var source = CaptureFile.Open(_path);
        long number = 0;
        int next = 0;
        while (next < wanted.Count && source.TryReadNext(out var raw))
        {
            number++;
            if ((number & 0xFFF) == 0) cancel.ThrowIfCancellationRequested();
            if (number != wanted[next].Number) continue;
            frames.Add(new CapturedFrame(number, raw.Timestamp, raw.LinkType, raw.Data.ToArray(), raw.OriginalLength));
            next++;
        }
        return frames;
    }

    private sealed class Entry
    {
        public readonly List<FrameRef> Frames = new();
        public long NotListed;
    }
}
