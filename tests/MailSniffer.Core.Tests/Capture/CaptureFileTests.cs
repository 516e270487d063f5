using System.IO.Compression;
using MailSniffer.Core.Capture;
using MailSniffer.TestSupport;

namespace MailSniffer.Core.Tests.Capture;

public sealed class CaptureFileTests : TempFiles
{
    [Theory]
    [InlineData(CaptureFileFormat.Pcap, typeof(PcapFileReader))]
    [InlineData(CaptureFileFormat.PcapNanosecond, typeof(PcapFileReader))]
    [InlineData(CaptureFileFormat.PcapNg, typeof(PcapNgFileReader))]
    public void Opens_by_content_not_by_name(CaptureFileFormat format, Type expected)
    {
        var path = Temp(format) + ".dat";
        TestCaptureFile.Write(path, format, LinkType.Raw, [TestPackets.UdpIp("10.0.0.1", 1, "10.0.0.2", 2)]);
        try
        {
            using var source = CaptureFile.Open(path);
            Assert.IsType(expected, source);
            Assert.Single(ReadBack.All(source));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Gzipped_capture_gives_a_clear_error()
    {
        var inner = Temp();
        TestCaptureFile.Write(inner, CaptureFileFormat.Pcap, LinkType.Raw, [TestPackets.UdpIp("10.0.0.1", 1, "10.0.0.2", 2)]);
        var gz = Temp();
        using (var output = File.Create(gz))
        using (var zip = new GZipStream(output, CompressionLevel.Fastest))
            zip.Write(File.ReadAllBytes(inner));

        var ex = Assert.Throws<CaptureFormatException>(() => CaptureFile.Open(gz));
        Assert.Contains("gzip-compressed", ex.Message);
        Assert.Contains("gunzip", ex.Message);
    }

    [Theory]
    [InlineData("EHLO example.com\r\n", "not a pcap or pcapng")]
    [InlineData("", "empty")]
    [InlineData("ab", "not a pcap or pcapng")]
    public void Non_capture_files_give_a_clear_error(string content, string expected)
    {
        var path = TempWith(System.Text.Encoding.ASCII.GetBytes(content));
        var ex = Assert.Throws<CaptureFormatException>(() => CaptureFile.Open(path));
        Assert.Contains(expected, ex.Message);
    }

    [Fact]
    public void Pcap_header_cut_short_gives_a_clear_error()
    {
        var path = TempWith([0xd4, 0xc3, 0xb2, 0xa1, 2, 0, 4, 0]);
        var ex = Assert.Throws<CaptureFormatException>(() => CaptureFile.Open(path));
        Assert.Contains("too short", ex.Message);
    }

    [Fact]
    public void Reads_from_a_stream()
    {
        var path = Temp();
        TestCaptureFile.Write(path, CaptureFileFormat.Pcap, LinkType.Raw, [TestPackets.UdpIp("10.0.0.1", 1, "10.0.0.2", 2)]);
        using var source = CaptureFile.Open(new MemoryStream(File.ReadAllBytes(path)));
        Assert.Single(ReadBack.All(source));
    }
}
