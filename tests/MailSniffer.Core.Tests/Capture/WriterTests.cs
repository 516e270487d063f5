using MailSniffer.Core.Capture;
using MailSniffer.Core.Frames;
using MailSniffer.TestSupport;

namespace MailSniffer.Core.Tests.Capture;

/// <summary>Our writers' files, read back by native libpcap: the independent check that the writers are right.</summary>
public sealed class WriterTests : IDisposable
{
    private readonly List<string> _files = new();

    private string Temp(CaptureFileFormat f)
    {
        var p = TestCaptureFile.TempPath(f);
        _files.Add(p);
        return p;
    }

    public void Dispose()
    {
        foreach (var f in _files)
            File.Delete(f);
    }

    private static List<byte[]> SampleFrames() =>
    [
        TestPackets.Tcp("192.0.2.1", 40000, "192.0.2.2", 25, 1000, 0, TcpFlags.Syn),
        TestPackets.Tcp("192.0.2.2", 25, "192.0.2.1", 40000, 5000, 1001, TcpFlags.Syn | TcpFlags.Ack),
        TestPackets.Tcp("192.0.2.1", 40000, "192.0.2.2", 25, 1001, 5001, TcpFlags.Ack | TcpFlags.Psh, "EHLO x\r\n"u8.ToArray()),
        TestPackets.Udp("2001:db8::1", 5353, "2001:db8::2", 53, new byte[33]),
    ];

    [Theory]
    [InlineData(CaptureFileFormat.Pcap)]
    [InlineData(CaptureFileFormat.PcapNanosecond)]
    [InlineData(CaptureFileFormat.PcapNg)]
    public void Libpcap_reads_back_what_we_wrote(CaptureFileFormat format)
    {
        var path = Temp(format);
        var frames = SampleFrames();
        TestCaptureFile.Write(path, format, LinkType.Ethernet, frames);

        var read = LibpcapFile.ReadAll(path);

        Assert.Equal(frames.Count, read.Count);
        for (int i = 0; i < frames.Count; i++)
        {
            Assert.Equal(frames[i], read[i].Data);
            Assert.Equal(frames[i].Length, read[i].OriginalLength);
            Assert.Equal((int)LinkType.Ethernet, read[i].LinkType);
            long expected = TestCaptureFile.TimestampOf(i).UnixNanoseconds;
            if (format == CaptureFileFormat.Pcap)
                expected -= expected % 1000;
            Assert.Equal(expected, read[i].UnixNanoseconds);
        }
    }

    [Fact]
    public void Pcap_writer_cuts_frames_at_snaplen_and_keeps_original_length()
    {
        var path = Temp(CaptureFileFormat.Pcap);
        var frame = TestPackets.Tcp("10.0.0.1", 1, "10.0.0.2", 2, 1, 1, TcpFlags.Ack, new byte[500]);
        using (var w = PcapWriter.Create(path, LinkType.Ethernet, snapLength: 100))
            w.Write(new CaptureTime(1_000_000_000), frame);

        var read = Assert.Single(LibpcapFile.ReadAll(path));
        Assert.Equal(frame.AsSpan(0, 100).ToArray(), read.Data);
        Assert.Equal(frame.Length, read.OriginalLength);
    }

    [Fact]
    public void PcapNg_writer_applies_microsecond_resolution_and_tsoffset()
    {
        var path = Temp(CaptureFileFormat.PcapNg);
        var frame = TestPackets.Udp("10.0.0.1", 1, "10.0.0.2", 53, new byte[20]);
        var t = new CaptureTime(1_700_000_000_987_654_321);
        using (var w = PcapNgWriter.Create(path))
        {
            int id = w.AddInterface(LinkType.Ethernet, 65535, timestampResolution: 6, timestampOffsetSeconds: 1000, name: "eth0");
            w.Write(id, t, frame);
        }

        var read = Assert.Single(LibpcapFile.ReadAll(path));
        Assert.Equal(frame, read.Data);
        Assert.Equal(1_700_000_000_987_654_000, read.UnixNanoseconds);
    }

    [Theory]
    [InlineData(LinkType.LinuxSll)]
    [InlineData(LinkType.LinuxSll2)]
    [InlineData(LinkType.Null)]
    [InlineData(LinkType.Raw)]
    public void Link_type_is_recorded(LinkType linkType)
    {
        foreach (var format in new[] { CaptureFileFormat.Pcap, CaptureFileFormat.PcapNg })
        {
            var path = Temp(format);
            TestCaptureFile.Write(path, format, linkType, [TestPackets.Sll(TestPackets.UdpIp("10.0.0.1", 1, "10.0.0.2", 2))]);
            // libpcap reports DLT values, which differ from LINKTYPE values only for raw IP (DLT_RAW is 12 on Linux).
            int expected = linkType == LinkType.Raw ? 12 : (int)linkType;
            Assert.Equal(expected, Assert.Single(LibpcapFile.ReadAll(path)).LinkType);
        }
    }
}
