using MailSniffer.Core.Capture;

namespace MailSniffer.TestSupport;

/// <summary>Writes test frames to a capture file with our writers.</summary>
public static class TestCaptureFile
{
    /// <summary>Default first timestamp: 2024-01-02T03:04:05.123456789Z.</summary>
    public static readonly CaptureTime DefaultStart = new(1_704_164_645_123_456_789);

    /// <summary>Frames get timestamps <see cref="DefaultStart"/> + i milliseconds (+ i microseconds, to exercise sub-ms digits).</summary>
    public static void Write(string path, CaptureFileFormat format, LinkType linkType, IEnumerable<byte[]> frames, int snapLength = 262144)
    {
        var stamped = new List<(CaptureTime, byte[])>();
        int i = 0;
        foreach (var f in frames)
        {
            stamped.Add((TimestampOf(i), f));
            i++;
        }
        Write(path, format, linkType, stamped, snapLength);
    }

    public static void Write(string path, CaptureFileFormat format, LinkType linkType, IEnumerable<(CaptureTime Time, byte[] Frame)> frames, int snapLength = 262144)
    {
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write);
        if (format == CaptureFileFormat.PcapNg)
        {
            using var ng = new PcapNgWriter(stream, leaveOpen: true);
            int id = ng.AddInterface(linkType, snapLength, 9);
            foreach (var (t, f) in frames)
                ng.Write(id, t, f);
            return;
        }
        using var w = new PcapWriter(stream, linkType, snapLength, format == CaptureFileFormat.PcapNanosecond, leaveOpen: true);
        foreach (var (t, f) in frames)
            w.Write(t, f);
    }

    public static CaptureTime TimestampOf(int index) =>
        new(DefaultStart.UnixNanoseconds + index * 1_000_000L + index * 1_000L);

    /// <summary>A unique temporary file path with the extension of the format; deleted by the caller.</summary>
    public static string TempPath(CaptureFileFormat format) =>
        Path.Combine(Path.GetTempPath(), $"mailsniffer-test-{Guid.NewGuid():N}{(format == CaptureFileFormat.PcapNg ? ".pcapng" : ".pcap")}");
}
