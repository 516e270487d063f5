using System.Buffers.Binary;
using System.Text;

namespace MailSniffer.Core.Capture;

/// <summary>
/// Writes pcapng: a Section Header Block, one Interface Description Block per interface (link type, snap length,
/// if_tsresol, optional if_tsoffset and name) and Enhanced Packet Blocks. Live capture's <c>-w FILE</c> writes this.
/// </summary>
public sealed class PcapNgWriter : IDisposable
{
    public const uint SectionHeaderType = 0x0A0D0D0A;
    public const uint InterfaceDescriptionType = 1;
    public const uint ObsoletePacketType = 2;
    public const uint SimplePacketType = 3;
    public const uint EnhancedPacketType = 6;
    public const uint ByteOrderMagic = 0x1A2B3C4D;

    private readonly Stream _output;
    private readonly bool _leaveOpen;
    private readonly bool _bigEndian;
    private readonly List<InterfaceInfo> _interfaces = new();
    private byte[] _scratch = new byte[2048];
    private bool _disposed;

    private readonly record struct InterfaceInfo(LinkType LinkType, int SnapLength, Int128 UnitsPerSecond, long OffsetSeconds);

    /// <param name="bigEndian">Write a big-endian section; only useful for tests.</param>
    public PcapNgWriter(Stream output, bool leaveOpen = false, bool bigEndian = false)
    {
        ArgumentNullException.ThrowIfNull(output);
        _output = output;
        _leaveOpen = leaveOpen;
        _bigEndian = bigEndian;
        StartSection();
    }

    public static PcapNgWriter Create(string path) =>
        new(new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, 1 << 16));

    public int InterfaceCount => _interfaces.Count;
    public long PacketsWritten { get; private set; }

    /// <summary>Starts a new section: interfaces declared before it no longer exist for packets after it.</summary>
    public void StartSection()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        _interfaces.Clear();
        Span<byte> shb = stackalloc byte[28];
        PutUInt32(shb, SectionHeaderType);
        PutUInt32(shb[4..], 28);
        PutUInt32(shb[8..], ByteOrderMagic);
        PutUInt16(shb[12..], 1);
        PutUInt16(shb[14..], 0);
        PutUInt64(shb[16..], ulong.MaxValue); // section length unknown: we stream
        PutUInt32(shb[24..], 28);
        _output.Write(shb);
    }

    /// <summary>Declares an interface and returns its id for <see cref="Write(int, CaptureTime, ReadOnlySpan{byte}, int)"/>.</summary>
    /// <param name="timestampResolution">The if_tsresol byte: 10^-n seconds, or 2^-n when the high bit is set. 6 = µs, 9 = ns.</param>
    /// <param name="timestampOffsetSeconds">if_tsoffset: seconds added to every timestamp of this interface.</param>
    public int AddInterface(LinkType linkType, int snapLength = 262144, byte timestampResolution = 9,
        long timestampOffsetSeconds = 0, string? name = null)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentOutOfRangeException.ThrowIfNegative(snapLength);
        var unitsPerSecond = UnitsPerSecond(timestampResolution);

        byte[] nameBytes = name is null ? [] : Encoding.UTF8.GetBytes(name);
        int optionsLength = 4 + 4                                   // if_tsresol
            + (timestampOffsetSeconds != 0 ? 4 + 8 : 0)             // if_tsoffset
            + (nameBytes.Length > 0 ? 4 + Pad4(nameBytes.Length) : 0)
            + 4;                                                    // opt_endofopt
        int total = 8 + 8 + optionsLength + 4;
        var block = Scratch(total);
        PutUInt32(block, InterfaceDescriptionType);
        PutUInt32(block[4..], (uint)total);
        PutUInt16(block[8..], (ushort)linkType);
        PutUInt16(block[10..], 0);
        PutUInt32(block[12..], (uint)snapLength);
        int p = 16;
        PutUInt16(block[p..], 9);
        PutUInt16(block[(p + 2)..], 1);
        block[p + 4] = timestampResolution;
        p += 8;
        if (timestampOffsetSeconds != 0)
        {
            PutUInt16(block[p..], 14);
            PutUInt16(block[(p + 2)..], 8);
            PutUInt64(block[(p + 4)..], (ulong)timestampOffsetSeconds);
            p += 12;
        }
        if (nameBytes.Length > 0)
        {
            PutUInt16(block[p..], 2);
            PutUInt16(block[(p + 2)..], (ushort)nameBytes.Length);
            nameBytes.CopyTo(block[(p + 4)..]);
            p += 4 + Pad4(nameBytes.Length);
        }
        PutUInt32(block[p..], 0);
        p += 4;
        PutUInt32(block[p..], (uint)total);
        _output.Write(block[..total]);

        _interfaces.Add(new InterfaceInfo(linkType, snapLength, unitsPerSecond, timestampOffsetSeconds));
        return _interfaces.Count - 1;
    }

    /// <summary>Writes an Enhanced Packet Block. Data beyond the interface's snap length (when not 0) is cut.</summary>
    public void Write(int interfaceId, CaptureTime timestamp, ReadOnlySpan<byte> data, int originalLength = -1)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if ((uint)interfaceId >= (uint)_interfaces.Count)
            throw new ArgumentOutOfRangeException(nameof(interfaceId), "Declare the interface with AddInterface first.");
        var iface = _interfaces[interfaceId];
        if (originalLength < data.Length)
            originalLength = data.Length;
        if (iface.SnapLength > 0 && data.Length > iface.SnapLength)
            data = data[..iface.SnapLength];

        Int128 ns = (Int128)timestamp.UnixNanoseconds - (Int128)iface.OffsetSeconds * 1_000_000_000;
        var units = (ulong)(ns * iface.UnitsPerSecond / 1_000_000_000);

        int total = 28 + Pad4(data.Length) + 4;
        var block = Scratch(total);
        PutUInt32(block, EnhancedPacketType);
        PutUInt32(block[4..], (uint)total);
        PutUInt32(block[8..], (uint)interfaceId);
        PutUInt32(block[12..], (uint)(units >> 32));
        PutUInt32(block[16..], (uint)units);
        PutUInt32(block[20..], (uint)data.Length);
        PutUInt32(block[24..], (uint)originalLength);
        data.CopyTo(block[28..]);
        block[(28 + data.Length)..(28 + Pad4(data.Length))].Clear();
        PutUInt32(block[(total - 4)..], (uint)total);
        _output.Write(block[..total]);
        PacketsWritten++;
    }

    public void Write(int interfaceId, in RawPacket packet) =>
        Write(interfaceId, packet.Timestamp, packet.Data, packet.OriginalLength);

    /// <summary>Writes a Simple Packet Block (no timestamp, interface 0, cut to interface 0's snap length).</summary>
    public void WriteSimple(ReadOnlySpan<byte> data, int originalLength = -1)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_interfaces.Count == 0)
            throw new InvalidOperationException("A Simple Packet Block needs interface 0 to be declared.");
        if (originalLength < data.Length)
            originalLength = data.Length;
        int snap = _interfaces[0].SnapLength;
        if (snap > 0 && data.Length > snap)
            data = data[..snap];
        int total = 12 + Pad4(data.Length) + 4;
        var block = Scratch(total);
        PutUInt32(block, SimplePacketType);
        PutUInt32(block[4..], (uint)total);
        PutUInt32(block[8..], (uint)originalLength);
        data.CopyTo(block[12..]);
        block[(12 + data.Length)..(12 + Pad4(data.Length))].Clear();
        PutUInt32(block[(total - 4)..], (uint)total);
        _output.Write(block[..total]);
        PacketsWritten++;
    }

    /// <summary>Writes a block of any type with the given body (padded to 4 bytes); readers must skip types they do not know.</summary>
    public void WriteRawBlock(uint blockType, ReadOnlySpan<byte> body)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        int total = 8 + Pad4(body.Length) + 4;
        var block = Scratch(total);
        PutUInt32(block, blockType);
        PutUInt32(block[4..], (uint)total);
        body.CopyTo(block[8..]);
        block[(8 + body.Length)..(8 + Pad4(body.Length))].Clear();
        PutUInt32(block[(total - 4)..], (uint)total);
        _output.Write(block[..total]);
    }

    public void Flush() => _output.Flush();

    public void Dispose()
    {
        if (_disposed)
            return;
        _disposed = true;
        _output.Flush();
        if (!_leaveOpen)
            _output.Dispose();
    }

    internal static Int128 UnitsPerSecond(byte tsresol)
    {
        int exponent = tsresol & 0x7F;
        if ((tsresol & 0x80) != 0)
        {
            if (exponent > 63)
                throw new ArgumentOutOfRangeException(nameof(tsresol), "Binary resolution beyond 2^-63 is not supported.");
            return (Int128)1 << exponent;
        }
        if (exponent > 18)
            throw new ArgumentOutOfRangeException(nameof(tsresol), "Decimal resolution beyond 10^-18 is not supported.");
        Int128 v = 1;
        for (int i = 0; i < exponent; i++)
            v *= 10;
        return v;
    }

    private static int Pad4(int n) => (n + 3) & ~3;

    private Span<byte> Scratch(int size)
    {
        if (_scratch.Length < size)
            _scratch = new byte[Math.Max(size, _scratch.Length * 2)];
        return _scratch.AsSpan(0, size);
    }

    private void PutUInt64(Span<byte> s, ulong v)
    {
        if (_bigEndian) BinaryPrimitives.WriteUInt64BigEndian(s, v);
        else BinaryPrimitives.WriteUInt64LittleEndian(s, v);
    }

    private void PutUInt32(Span<byte> s, uint v)
    {
        if (_bigEndian) BinaryPrimitives.WriteUInt32BigEndian(s, v);
        else BinaryPrimitives.WriteUInt32LittleEndian(s, v);
    }

    private void PutUInt16(Span<byte> s, ushort v)
    {
        if (_bigEndian) BinaryPrimitives.WriteUInt16BigEndian(s, v);
        else BinaryPrimitives.WriteUInt16LittleEndian(s, v);
    }
}
