using SharpPcap;
using SharpPcap.LibPcap;

namespace MailSniffer.TestSupport;

/// <summary>One packet as native libpcap (through SharpPcap) reads it: the second opinion our managed readers are checked against.</summary>
public sealed record LibpcapPacket(byte[] Data, long UnixNanoseconds, int LinkType, int OriginalLength);

/// <summary>Reads a capture file with libpcap via SharpPcap's <see cref="CaptureFileReaderDevice"/>, nanosecond precision.</summary>
public static class LibpcapFile
{
    public static List<LibpcapPacket> ReadAll(string path)
    {
        var list = new List<LibpcapPacket>();
        using var device = new CaptureFileReaderDevice(path);
        device.Open(new DeviceConfiguration { TimestampResolution = TimestampResolution.Nanosecond });
        // libpcap stops at the first damaged record (returns an error status); what it read up to there is its answer.
        while (device.GetNextPacket(out PacketCapture capture) == GetPacketStatus.PacketRead)
        {
            var raw = capture.GetPacket();
            long ns = (long)(raw.Timeval.Value * 1_000_000_000m);
            list.Add(new LibpcapPacket(raw.Data, ns, (int)raw.LinkLayerType, capture.Header is PcapHeader h ? (int)h.PacketLength : raw.PacketLength));
        }
        return list;
    }
}
