using System.Buffers.Binary;

namespace MailSniffer.Core.Capture;

/// <summary>Opens a capture file by its content (not its name): classic pcap or pcapng.</summary>
public static class CaptureFile
{
    /// <exception cref="CaptureFormatException">The file is not a capture, or is compressed.</exception>
    public static IPacketSource Open(string path)
    {
        var input = CaptureInput.OpenFile(path);
        try
        {
            return Open(input, path);
        }
        catch
        {
            input.Dispose();
            throw;
        }
    }

    /// <summary>Reads from a stream such as standard input; the stream is disposed with the source.</summary>
    public static IPacketSource Open(Stream stream, string name = "stream")
    {
        var input = new CaptureInput(stream, ownsStream: true);
        try
        {
            return Open(input, name);
        }
        catch
        {
            input.Dispose();
            throw;
        }
    }

    /// <summary>The format of the file by its first bytes, or null when it is not a capture we read.</summary>
    public static CaptureFileFormat? Sniff(ReadOnlySpan<byte> start)
    {
        if (start.Length < 4)
            return null;
        uint le = BinaryPrimitives.ReadUInt32LittleEndian(start);
        uint be = BinaryPrimitives.ReadUInt32BigEndian(start);
        if (le == PcapNgWriter.SectionHeaderType)
            return CaptureFileFormat.PcapNg;
        if (le is PcapWriter.MicrosecondMagic or 0xa1b2cd34 || be is PcapWriter.MicrosecondMagic or 0xa1b2cd34)
            return CaptureFileFormat.Pcap;
        if (le == PcapWriter.NanosecondMagic || be == PcapWriter.NanosecondMagic)
            return CaptureFileFormat.PcapNanosecond;
        return null;
    }

    private static IPacketSource Open(CaptureInput input, string name)
    {
        input.Ensure(4);
        var start = input.Peek(Math.Min(4, input.Available));
        var format = Sniff(start);
        return format switch
        {
            CaptureFileFormat.PcapNg => new PcapNgFileReader(input, name),
            CaptureFileFormat.Pcap or CaptureFileFormat.PcapNanosecond => new PcapFileReader(input, name),
            _ => throw new CaptureFormatException(Describe(name, start)),
        };
    }

    private static string Describe(string name, ReadOnlySpan<byte> start)
    {
        if (start.Length == 0)
            return $"{name}: the file is empty, so it holds no packets.";
        if (start.Length >= 2 && start[0] == 0x1f && start[1] == 0x8b)
            return $"{name}: the file is gzip-compressed; decompress it first (gunzip -k {name}) and open the result.";
        if (start.Length >= 4 && start[0] == 0x28 && start[1] == 0xb5 && start[2] == 0x2f && start[3] == 0xfd)
            return $"{name}: the file is zstd-compressed; decompress it first (zstd -d {name}) and open the result.";
        if (start.Length >= 3 && start[0] == 'B' && start[1] == 'Z' && start[2] == 'h')
            return $"{name}: the file is bzip2-compressed; decompress it first (bunzip2 -k {name}) and open the result.";
        if (start.Length >= 2 && start[0] == 'P' && start[1] == 'K')
            return $"{name}: the file is a zip archive; extract the capture from it first.";
        return $"{name}: not a pcap or pcapng capture (first bytes {Convert.ToHexString(start)}).";
    }
}
