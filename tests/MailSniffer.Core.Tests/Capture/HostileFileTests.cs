using MailSniffer.Core.Capture;
using MailSniffer.Core.Frames;
using MailSniffer.TestSupport;

namespace MailSniffer.Core.Tests.Capture;

/// <summary>Mutated and truncated capture files: readers may warn and stop, but never throw, hang or read out of bounds.</summary>
public sealed class HostileFileTests
{
    private static byte[] ValidPcap(bool nanosecond)
    {
        using var ms = new MemoryStream();
        using (var w = new PcapWriter(ms, LinkType.Ethernet, 65535, nanosecond, leaveOpen: true))
            for (int i = 0; i < 20; i++)
                w.Write(new CaptureTime(i * 1000L), TestPackets.Tcp("10.0.0.1", 1, "10.0.0.2", 25, (uint)i, 0, TcpFlags.Ack, new byte[i * 10]));
        return ms.ToArray();
    }

    private static byte[] ValidPcapNg(bool bigEndian)
    {
        using var ms = new MemoryStream();
        using (var w = new PcapNgWriter(ms, leaveOpen: true, bigEndian: bigEndian))
        {
            int a = w.AddInterface(LinkType.Ethernet, 1000, 6, 5, "eth0");
            int b = w.AddInterface(LinkType.Raw, 0, 0x80 | 20);
            for (int i = 0; i < 10; i++)
            {
                var ip = TestPackets.UdpIp("10.0.0.1", 53, "10.0.0.2", 5353, new byte[i * 13]);
                w.Write(i % 2 == 0 ? a : b, new CaptureTime(i * 1_000_000L), i % 2 == 0 ? TestPackets.Ethernet(ip) : ip);
                w.WriteSimple(TestPackets.Ethernet(ip));
                w.WriteRawBlock(0x0BAD, new byte[i]);
            }
        }
        return ms.ToArray();
    }

    [Fact]
    public void Mutated_files_never_throw_from_TryReadNext()
    {
        var rng = new Random(2024);
        var originals = new[] { ValidPcap(false), ValidPcap(true), ValidPcapNg(false), ValidPcapNg(true) };
        int opened = 0, refused = 0;
        for (int i = 0; i < 10_000; i++)
        {
            var file = (byte[])originals[i % originals.Length].Clone();
            int flips = rng.Next(1, 8);
            for (int k = 0; k < flips; k++)
            {
                // Mostly hit headers and length fields, where damage matters.
                int at = rng.Next(4) == 0 ? rng.Next(file.Length) : rng.Next(Math.Min(file.Length, 200));
                file[at] = (byte)rng.Next(256);
            }
            var cut = file.AsSpan(0, rng.Next(file.Length + 1)).ToArray();
            IPacketSource source;
            try
            {
                source = CaptureFile.Open(new MemoryStream(cut));
            }
            catch (CaptureFormatException)
            {
                refused++;
                continue;
            }
            opened++;
            using (source)
            {
                var decoder = new FrameDecoder();
                int packets = 0;
                while (source.TryReadNext(out var raw))
                {
                    Assert.True(raw.Data.Length <= raw.OriginalLength);
                    var p = new DecodedPacket();
                    decoder.Decode(raw, ref p);
                    Assert.True(++packets < 1000, "reader did not terminate");
                }
                Assert.True(source.BytesRead <= cut.Length);
                Assert.True(source.Warnings.Count <= 101);
            }
        }
        Assert.True(opened > 5_000, $"only {opened} opened, {refused} refused");
    }

    [Fact]
    public void Simple_packet_block_shorter_than_its_fixed_part_is_skipped()
    {
        using var ms = new MemoryStream();
        using (var w = new PcapNgWriter(ms, leaveOpen: true))
        {
            w.AddInterface(LinkType.Ethernet, 0);
            w.WriteRawBlock(PcapNgWriter.SimplePacketType, []);   // 12 bytes: no room for the original length
        }
        using var source = CaptureFile.Open(new MemoryStream(ms.ToArray()));
        Assert.False(source.TryReadNext(out _));
        Assert.Contains("Simple Packet Block", Assert.Single(source.Warnings));
    }
}
