using System.Buffers.Binary;

namespace MailSniffer.Core.Capture;

/// <summary>
/// Managed pcapng reader: sections in either byte order (several per file), Interface Description Blocks with
/// if_tsresol (powers of 10 and of 2) and if_tsoffset, Enhanced, Simple and obsolete Packet Blocks; other block
/// types are skipped by their length. A block whose framing is broken (a length that cannot be right, or a trailing
/// length that differs) is reported with its byte offset and block number, and reading resumes where three blocks in a
/// row are well framed (libpcap and tshark stop there); a well-framed block with bad contents is skipped with a
/// warning.
/// </summary>
public sealed class PcapNgFileReader : IPacketSource
{
    /// <summary>Largest block accepted: a maximal packet plus generous room for options.</summary>
    public const int MaxBlockLength = 16 << 20;

    /// <summary>Ceiling on declared interfaces, so a hostile file cannot grow the table without bound.</summary>
    public const int MaxInterfaces = 4096;

    private const uint SectionHeader = PcapNgWriter.SectionHeaderType;

    private readonly CaptureInput _input;
    private readonly WarningLog _warnings = new();
    private readonly List<PcapNgInterface> _interfaces = new();
    private bool _swapped;
    private bool _ended;
    private long _blockNumber;
    private CaptureTime _lastTimestamp;

    public PcapNgFileReader(string path) : this(CaptureInput.OpenFile(path), path) { }

    public PcapNgFileReader(Stream stream, bool ownsStream = true) : this(new CaptureInput(stream, ownsStream), "stream") { }

    internal PcapNgFileReader(CaptureInput input, string name)
    {
        _input = input;
        if (!_input.Ensure(12) || BinaryPrimitives.ReadUInt32LittleEndian(_input.Peek(4)) != SectionHeader)
        {
            _input.Dispose();
            throw new CaptureFormatException($"{name}: not a pcapng file (no Section Header Block at the start).");
        }
        uint bom = BinaryPrimitives.ReadUInt32LittleEndian(_input.Peek(8, 4));
        if (bom != PcapNgWriter.ByteOrderMagic && BinaryPrimitives.ReverseEndianness(bom) != PcapNgWriter.ByteOrderMagic)
        {
            _input.Dispose();
            throw new CaptureFormatException($"{name}: pcapng Section Header Block has a bad byte-order magic 0x{bom:x8}.");
        }
    }

    /// <summary>Interfaces of the current section.</summary>
    public IReadOnlyList<PcapNgInterface> Interfaces => _interfaces;
    public int SectionCount { get; private set; }
    public IReadOnlyList<string> Warnings => _warnings.Items;
    public long BytesRead => _input.Position;
    public long PacketsRead { get; private set; }

    public bool TryReadNext(out RawPacket packet)
    {
        packet = default;
        while (!_ended)
        {
            if (!_input.Ensure(12))
            {
                if (_input.Available > 0)
                    End($"Truncated block header of block {_blockNumber + 1} at byte offset {_input.Position}: only {_input.Available} bytes left.");
                _ended = true;
                return false;
            }
            uint type = BinaryPrimitives.ReadUInt32LittleEndian(_input.Peek(4));
            if (type == SectionHeader)
            {
                // The byte order of the section (and so of this very block's length) is given by the magic inside it.
                uint bom = BinaryPrimitives.ReadUInt32LittleEndian(_input.Peek(8, 4));
                if (bom == PcapNgWriter.ByteOrderMagic) _swapped = false;
                else if (BinaryPrimitives.ReverseEndianness(bom) == PcapNgWriter.ByteOrderMagic) _swapped = true;
                else
                {
                    End($"Corrupt Section Header Block (block {_blockNumber + 1}) at byte offset {_input.Position}: bad byte-order magic 0x{bom:x8}.");
                    return false;
                }
            }
            else
            {
                type = U32(_input.Peek(4));
            }
            uint total = U32(_input.Peek(4, 4));
            if (total < 12 || (total & 3) != 0 || total > MaxBlockLength)
            {
                if (!Resync($"Corrupt block length {total} in block {_blockNumber + 1} (type 0x{type:x8}) at byte offset {_input.Position}")) return false;
                continue;
            }
            int length = (int)total;
            if (!_input.Ensure(length))
            {
                End($"Truncated block {_blockNumber + 1} (type 0x{type:x8}) at byte offset {_input.Position}: length {length}, only {_input.Available} bytes left.");
                return false;
            }
            if (U32(_input.Peek(length - 4, 4)) != total)
            {
                if (!Resync($"Corrupt block {_blockNumber + 1} (type 0x{type:x8}) at byte offset {_input.Position}: trailing length differs from leading length {total}")) return false;
                continue;
            }
            var block = _input.Peek(length);
            long offset = _input.Position;
            _blockNumber++;
            bool delivered = type switch
            {
                PcapNgWriter.EnhancedPacketType => TryEnhanced(block, offset, out packet),
                PcapNgWriter.SimplePacketType => TrySimple(block, offset, out packet),
                PcapNgWriter.ObsoletePacketType => TryObsolete(block, offset, out packet),
                PcapNgWriter.InterfaceDescriptionType => AddInterface(block, offset),
                SectionHeader => StartSection(block, offset),
                _ => false,
            };
            _input.Advance(length);
            if (delivered)
            {
                PacketsRead++;
                return true;
            }
        }
        return false;
    }

    /// <summary>Largest block a resynchronisation takes for a real one: a maximal packet and its options.</summary>
    private const int MaxResyncBlockLength = 1 << 20;

    /// <summary>
    /// Skips forward, a byte at a time, to the next offset where three well-framed blocks follow one another (fewer
    /// where the file ends exactly after them), and says what was skipped; false (reading ends) when no such place is
    /// left. Memory stays bounded: the input advances as it scans, and at most three blocks of 1 MiB are looked at.
    /// </summary>
    private bool Resync(string damage)
    {
        long damagedAt = _input.Position;
        _input.Advance(1);
        while (_input.Ensure(12) && !StartsBlocks(0, 3)) _input.Advance(1);
        long skipped = _input.Position - damagedAt;
        if (_input.Available < 12)
        {
            End($"{damage}; no readable block after it, {skipped} bytes skipped to the end of the file.");
            return false;
        }
        _warnings.Add($"{damage}; skipped {skipped} bytes to the next readable block at byte offset {_input.Position}.");
        return true;
    }

    /// <summary>
    /// Whether <paramref name="count"/> well-framed blocks of this section's byte order follow one another from
    /// <paramref name="offset"/> (relative to the input's position): a known type, a length that is a multiple of 4
    /// and repeated at the block's end, and for a packet block an interface this section declared.
    /// </summary>
    private bool StartsBlocks(int offset, int count)
    {
        uint type = U32(_input.Peek(offset, 4));
        if (type == SectionHeader) return offset > 0; // a new section after good blocks: its own header is checked when read
        if (type is not (PcapNgWriter.EnhancedPacketType or PcapNgWriter.SimplePacketType or PcapNgWriter.ObsoletePacketType
            or PcapNgWriter.InterfaceDescriptionType or 4 or 5 or 0x0A)) return false;
        uint total = U32(_input.Peek(offset + 4, 4));
        if (total < 12 || (total & 3) != 0 || total > MaxResyncBlockLength) return false;
        int end = offset + (int)total;
        // At the end of the file every further candidate would refill (and move) the buffer's tail again.
        if (_input.Available < end + 12 && !_input.EndReached) _input.Ensure(end + 12);
        if (_input.Available < end || U32(_input.Peek(end - 4, 4)) != total) return false;
        if (type == PcapNgWriter.EnhancedPacketType
            && (total < 32 || U32(_input.Peek(offset + 8, 4)) >= (uint)Math.Max(_interfaces.Count, 1))) return false;
        if (count == 1) return true;
        if (_input.Available < end + 12) return _input.Available == end;
        return StartsBlocks(end, count - 1);
    }

    private bool TryEnhanced(ReadOnlySpan<byte> block, long offset, out RawPacket packet)
    {
        packet = default;
        if (block.Length < 32)
            return Skip($"Enhanced Packet Block {_blockNumber} at byte offset {offset} is too short ({block.Length} bytes); skipped.");
        uint id = U32(block[8..]);
        uint captured = U32(block[20..]);
        uint original = U32(block[24..]);
        if (captured > (uint)(block.Length - 32))
            return Skip($"Enhanced Packet Block {_blockNumber} at byte offset {offset} claims {captured} captured bytes in a {block.Length}-byte block; skipped.");
        if (id >= (uint)_interfaces.Count)
            return Skip($"Enhanced Packet Block {_blockNumber} at byte offset {offset} names interface {id}, which the section did not declare; skipped.");
        var iface = _interfaces[(int)id];
        ulong units = ((ulong)U32(block[12..]) << 32) | U32(block[16..]);
        _lastTimestamp = iface.ToCaptureTime(units);
        int len = (int)captured;
        int orig = original < captured ? len : (int)Math.Min(original, int.MaxValue);
        packet = new RawPacket(block.Slice(28, len), _lastTimestamp, iface.LinkType, orig, (int)id);
        return true;
    }

    private bool TrySimple(ReadOnlySpan<byte> block, long offset, out RawPacket packet)
    {
        packet = default;
        if (block.Length < 16)
            return Skip($"Simple Packet Block {_blockNumber} at byte offset {offset} is too short ({block.Length} bytes); skipped.");
        if (_interfaces.Count == 0)
            return Skip($"Simple Packet Block {_blockNumber} at byte offset {offset} comes before any interface was declared; skipped.");
        var iface = _interfaces[0];
        uint original = U32(block[8..]);
        // The block carries no captured length: it is the original length cut by interface 0's snap length.
        long len = Math.Min(original, (uint)(block.Length - 16));
        if (iface.SnapLength > 0)
            len = Math.Min(len, iface.SnapLength);
        int orig = (int)Math.Min(Math.Max(original, (uint)len), int.MaxValue);
        packet = new RawPacket(block.Slice(12, (int)len), _lastTimestamp, iface.LinkType, orig, 0);
        return true;
    }

    private bool TryObsolete(ReadOnlySpan<byte> block, long offset, out RawPacket packet)
    {
        packet = default;
        if (block.Length < 32)
            return Skip($"Packet Block {_blockNumber} at byte offset {offset} is too short ({block.Length} bytes); skipped.");
        uint id = U16(block[8..]);
        uint captured = U32(block[20..]);
        uint original = U32(block[24..]);
        if (captured > (uint)(block.Length - 32) || id >= (uint)_interfaces.Count)
            return Skip($"Packet Block {_blockNumber} at byte offset {offset} has a bad captured length or interface; skipped.");
        var iface = _interfaces[(int)id];
        ulong units = ((ulong)U32(block[12..]) << 32) | U32(block[16..]);
        _lastTimestamp = iface.ToCaptureTime(units);
        int len = (int)captured;
        int orig = original < captured ? len : (int)Math.Min(original, int.MaxValue);
        packet = new RawPacket(block.Slice(28, len), _lastTimestamp, iface.LinkType, orig, (int)id);
        return true;
    }

    private bool StartSection(ReadOnlySpan<byte> block, long offset)
    {
        if (block.Length < 28)
        {
            End($"Section Header Block {_blockNumber} at byte offset {offset} is too short ({block.Length} bytes); reading stopped.");
            return false;
        }
        ushort major = U16(block[12..]);
        if (major != 1)
            _warnings.Add($"Section Header Block {_blockNumber} at byte offset {offset} has version {major}.{U16(block[14..])}; reading it as 1.0.");
        _interfaces.Clear();
        SectionCount++;
        return false;
    }

    private bool AddInterface(ReadOnlySpan<byte> block, long offset)
    {
        if (block.Length < 20)
            return Skip($"Interface Description Block {_blockNumber} at byte offset {offset} is too short; skipped (its packets will be skipped too).");
        if (_interfaces.Count >= MaxInterfaces)
            return Skip($"Interface Description Block {_blockNumber} at byte offset {offset}: more than {MaxInterfaces} interfaces; ignored.");
        var linkType = (LinkType)U16(block[8..]);
        int snap = (int)Math.Min(U32(block[12..]), int.MaxValue);
        byte tsresol = 6;
        long tsoffset = 0;
        var options = block[16..^4];
        while (options.Length >= 4)
        {
            ushort code = U16(options);
            ushort len = U16(options[2..]);
            if (code == 0)
                break;
            int padded = (len + 3) & ~3;
            if (4 + padded > options.Length)
            {
                _warnings.Add($"Interface Description Block {_blockNumber} at byte offset {offset} has an option running past the block; rest of its options ignored.");
                break;
            }
            var value = options.Slice(4, len);
            if (code == 9 && len >= 1)
                tsresol = value[0];
            else if (code == 14 && len >= 8)
                tsoffset = (long)(_swapped ? BinaryPrimitives.ReadUInt64BigEndian(value) : BinaryPrimitives.ReadUInt64LittleEndian(value));
            options = options[(4 + padded)..];
        }
        Int128 unitsPerSecond;
        int exponent = tsresol & 0x7F;
        if ((tsresol & 0x80) != 0 ? exponent > 63 : exponent > 18)
        {
            _warnings.Add($"Interface {_interfaces.Count} (block {_blockNumber}, byte offset {offset}) has an unusable if_tsresol 0x{tsresol:x2}; using microseconds.");
            tsresol = 6;
        }
        unitsPerSecond = PcapNgWriter.UnitsPerSecond(tsresol);
        _interfaces.Add(new PcapNgInterface(linkType, snap, unitsPerSecond, tsoffset, tsresol));
        return false;
    }

    private bool Skip(string warning)
    {
        _warnings.Add(warning);
        return false;
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
