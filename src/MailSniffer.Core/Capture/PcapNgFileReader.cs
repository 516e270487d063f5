using System.Buffers.Binary;

namespace MailSniffer.Core.Capture;

/// <summary>
/// Managed pcapng reader: sections in either byte order (several per file), Interface Description Blocks with
/// if_tsresol (powers of 10 and of 2) and if_tsoffset, Enhanced, Simple and obsolete Packet Blocks; other block
/// types are skipped by their length. A block whose framing is broken ends the stream with a warning (byte offset and
/// block number); a well-framed block with bad contents is skipped with a warning.
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
                End($"Corrupt block length {total} in block {_blockNumber + 1} (type 0x{type:x8}) at byte offset {_input.Position}; reading stopped.");
                return false;
            }
            int length = (int)total;
            if (!_input.Ensure(length))
            {
                End($"Truncated block {_blockNumber + 1} (type 0x{type:x8}) at byte offset {_input.Position}: length {length}, only {_input.Available} bytes left.");
                return false;
            }
            if (U32(_input.Peek(length - 4, 4)) != total)
            {
                End($"Corrupt block {_blockNumber + 1} (type 0x{type:x8}) at byte offset {_input.Position}: trailing length differs from leading length {total}; reading stopped.");
                return false;
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
