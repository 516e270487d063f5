using System.Buffers.Binary;

namespace MailSniffer.Core.Capture;

/// <summary>
/// Managed reader for classic pcap: microsecond (0xa1b2c3d4) and nanosecond (0xa1b23c4d) magic in either byte order,
/// and Kuznetzov's modified format (0xa1b2cd34, 8 extra bytes per record header). A record header that cannot be right
/// (a length beyond the snap length) is reported with its record number and byte offset, and reading resumes at the
/// next place where three consecutive record headers are plausible (<see cref="RecordHeaderCheck"/>): libpcap and tshark
/// stop at the first damaged record, and everything after it was lost. A truncated last record ends the stream.
/// </summary>
public sealed class PcapFileReader : IPacketSource
{
    /// <summary>No real link layer needs more; libpcap uses the same ceiling.</summary>
    public const int MaxRecordLength = 262144;

    private const uint ModifiedMagic = 0xa1b2cd34;

    private readonly CaptureInput _input;
    private readonly WarningLog _warnings = new();
    private readonly bool _swapped;
    private readonly bool _nanosecond;
    private readonly int _recordHeaderLength;
    private readonly int _recordLimit;
    private long _recordNumber;
    private bool _ended;

    public PcapFileReader(string path) : this(CaptureInput.OpenFile(path), path) { }

    /// <summary>Reads from a stream (e.g. standard input); <paramref name="ownsStream"/> disposes it with the reader.</summary>
    public PcapFileReader(Stream stream, bool ownsStream = true) : this(new CaptureInput(stream, ownsStream), "stream") { }

    internal PcapFileReader(CaptureInput input, string name)
    {
        _input = input;
        try
        {
            if (!_input.Ensure(24))
                throw new CaptureFormatException($"{name}: too short for a pcap file header ({_input.Available} bytes).");
            var header = _input.Peek(24);
            uint magic = BinaryPrimitives.ReadUInt32LittleEndian(header);
            uint swappedMagic = BinaryPrimitives.ReverseEndianness(magic);
            _swapped = magic is not (PcapWriter.MicrosecondMagic or PcapWriter.NanosecondMagic or ModifiedMagic);
            uint m = _swapped ? swappedMagic : magic;
            if (m is not (PcapWriter.MicrosecondMagic or PcapWriter.NanosecondMagic or ModifiedMagic))
                throw new CaptureFormatException($"{name}: not a pcap file (magic 0x{magic:x8}).");
            _nanosecond = m == PcapWriter.NanosecondMagic;
            _recordHeaderLength = m == ModifiedMagic ? 24 : 16;
            VersionMajor = U16(header[4..]);
            VersionMinor = U16(header[6..]);
            SnapLength = (int)Math.Min(U32(header[16..]), int.MaxValue);
            uint linkField = U32(header[20..]);
            // The upper bits may carry FCS-length flags; the link type proper is the low 16 bits.
            LinkType = (LinkType)(ushort)linkField;
            _recordLimit = SnapLength > 0 ? (int)Math.Min(MaxRecordLength, Math.Max(SnapLength * 4L, 65535)) : MaxRecordLength;
            _input.Advance(24);
        }
        catch
        {
            _input.Dispose();
            throw;
        }
    }

    public LinkType LinkType { get; }
    public int SnapLength { get; }
    public ushort VersionMajor { get; }
    public ushort VersionMinor { get; }
    public bool IsNanosecond => _nanosecond;
    public bool IsByteSwapped => _swapped;
    public IReadOnlyList<string> Warnings => _warnings.Items;
    public long BytesRead => _input.Position;
    public long PacketsRead => _recordNumber;

    public bool TryReadNext(out RawPacket packet)
    {
        packet = default;
        if (_ended)
            return false;
        int hl = _recordHeaderLength;
        if (!_input.Ensure(hl))
        {
            if (_input.Available > 0)
                End($"Truncated record header of record {_recordNumber + 1} at byte offset {_input.Position}: only {_input.Available} of {hl} bytes present.");
            _ended = true;
            return false;
        }
        var h = _input.Peek(hl);
        uint seconds = U32(h);
        uint fraction = U32(h[4..]);
        uint captured = U32(h[8..]);
        uint original = U32(h[12..]);
        if (captured > (uint)_recordLimit)
        {
            string damage = $"Bogus record length {captured} in record {_recordNumber + 1} at byte offset {_input.Position} " +
                $"(limit {_recordLimit} for snaplen {SnapLength})";
            if (!Resync(damage)) return false;
            return TryReadNext(out packet);
        }
        int len = (int)captured;
        if (!_input.Ensure(hl + len))
        {
            End($"Truncated record {_recordNumber + 1} at byte offset {_input.Position}: header says {len} bytes, only {_input.Available - hl} present.");
            return false;
        }
        long ns = _nanosecond ? fraction : fraction * 1000L;
        var ts = new CaptureTime(seconds * 1_000_000_000L + ns);
        int orig = original < captured ? len : (int)Math.Min(original, int.MaxValue);
        packet = new RawPacket(_input.Peek(hl, len), ts, LinkType, orig);
        _input.Advance(hl + len);
        _recordNumber++;
        return true;
    }

    /// <summary>
    /// Skips forward, a byte at a time, to the next offset where three record headers in a row are plausible (fewer
    /// where the file ends exactly after them), and says what was skipped; false (reading ends) when no such place is
    /// left. The time of the last record read is not used: damage may have reached its timestamp too. Memory stays
    /// bounded: the input advances as it scans, and at most three records are looked at ahead.
    /// </summary>
    private bool Resync(string damage)
    {
        const int Chain = 3;
        long damagedAt = _input.Position;
        var check = new RecordHeaderCheck(_recordLimit, _nanosecond, _swapped);
        _input.Advance(1);
        while (_input.Ensure(_recordHeaderLength) && !StartsRecords(check, 0, Chain, null))
            _input.Advance(1);
        long skipped = _input.Position - damagedAt;
        if (_input.Available < _recordHeaderLength)
        {
            End($"{damage}; no readable record after it, {skipped} bytes skipped to the end of the file.");
            return false;
        }
        _warnings.Add($"{damage}; skipped {skipped} bytes to the next readable record at byte offset {_input.Position}.");
        return true;
    }

    /// <summary>
    /// Whether <paramref name="count"/> plausible record headers follow one another from <paramref name="offset"/>
    /// (relative to the input's position), or fewer that end exactly at the end of the file.
    /// </summary>
    private bool StartsRecords(RecordHeaderCheck check, int offset, int count, uint? previousSeconds)
    {
        int hl = _recordHeaderLength;
        if (!check.IsPlausible(_input.Peek(offset, hl), previousSeconds, out uint seconds, out int length)) return false;
        int next = offset + hl + length;
        if (count == 1) return true;
        // At the end of the file every further candidate would refill (and move) the buffer's tail again.
        bool room = _input.Available >= next + hl || (!_input.EndReached && _input.Ensure(next + hl));
        if (!room) return _input.Available == next;
        return StartsRecords(check, next, count - 1, seconds);
    }

    private void End(string warning)
    {
        _warnings.Add(warning);
        _ended = true;
    }

    private uint U32(ReadOnlySpan<byte> s) =>
        _swapped ? BinaryPrimitives.ReadUInt32BigEndian(s) : BinaryPrimitives.ReadUInt32LittleEndian(s);

    private ushort U16(ReadOnlySpan<byte> s) =>
        _swapped ? BinaryPrimitives.ReadUInt16BigEndian(s) : BinaryPrimitives.ReadUInt16LittleEndian(s);

    public void Dispose() => _input.Dispose();
}
