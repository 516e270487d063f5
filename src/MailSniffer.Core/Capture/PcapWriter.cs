using System.Buffers.Binary;

namespace MailSniffer.Core.Capture;

/// <summary>
/// Writes classic pcap files (one link type per file). Frames longer than the snap length are cut, keeping their
/// original length in the record, exactly as libpcap would have stored them.
/// </summary>
public sealed class PcapWriter : IDisposable
{
    public const uint MicrosecondMagic = 0xa1b2c3d4;
    public const uint NanosecondMagic = 0xa1b23c4d;

    private readonly Stream _output;
    private readonly bool _leaveOpen;
    private readonly bool _nanosecond;
    private readonly bool _bigEndian;
    private bool _disposed;

    /// <param name="bigEndian">Write a big-endian file, as a SPARC or PowerPC capture host would; only useful for tests.</param>
    public PcapWriter(Stream output, LinkType linkType, int snapLength = 262144, bool nanosecond = false,
        bool leaveOpen = false, bool bigEndian = false)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentOutOfRangeException.ThrowIfLessThan(snapLength, 1);
        _output = output;
        _leaveOpen = leaveOpen;
        _nanosecond = nanosecond;
        _bigEndian = bigEndian;
        LinkType = linkType;
        SnapLength = snapLength;

        Span<byte> header = stackalloc byte[24];
        PutUInt32(header, nanosecond ? NanosecondMagic : MicrosecondMagic);
        PutUInt16(header[4..], 2);
        PutUInt16(header[6..], 4);
        PutUInt32(header[8..], 0);   // thiszone
        PutUInt32(header[12..], 0);  // sigfigs
        PutUInt32(header[16..], (uint)snapLength);
        PutUInt32(header[20..], (ushort)linkType);
        _output.Write(header);
    }

    public static PcapWriter Create(string path, LinkType linkType, int snapLength = 262144, bool nanosecond = false) =>
        new(new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, 1 << 16), linkType, snapLength, nanosecond);

    public LinkType LinkType { get; }
    public int SnapLength { get; }
    public long PacketsWritten { get; private set; }

    /// <param name="originalLength">Length on the wire; defaults to <paramref name="data"/>'s length.</param>
    public void Write(CaptureTime timestamp, ReadOnlySpan<byte> data, int originalLength = -1)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (originalLength < data.Length)
            originalLength = data.Length;
        var captured = data.Length > SnapLength ? data[..SnapLength] : data;

        long seconds = Math.DivRem(timestamp.UnixNanoseconds, 1_000_000_000, out long ns);
        if (ns < 0)
        {
            seconds--;
            ns += 1_000_000_000;
        }
        Span<byte> record = stackalloc byte[16];
        PutUInt32(record, (uint)seconds);
        PutUInt32(record[4..], (uint)(_nanosecond ? ns : ns / 1000));
        PutUInt32(record[8..], (uint)captured.Length);
        PutUInt32(record[12..], (uint)originalLength);
        _output.Write(record);
        _output.Write(captured);
        PacketsWritten++;
    }

    public void Write(in RawPacket packet) => Write(packet.Timestamp, packet.Data, packet.OriginalLength);

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
