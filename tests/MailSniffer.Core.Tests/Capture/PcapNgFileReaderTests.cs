using System.Buffers.Binary;
using MailSniffer.Core.Capture;
using MailSniffer.Core.Frames;
using MailSniffer.TestSupport;

namespace MailSniffer.Core.Tests.Capture;

public sealed class PcapNgFileReaderTests : TempFiles
{
    private static readonly byte[] EthFrame = TestPackets.Tcp("192.0.2.1", 40000, "192.0.2.2", 25, 1, 2, TcpFlags.Ack, "MAIL FROM:<a@b>\r\n"u8.ToArray());
    private static readonly byte[] RawFrame = TestPackets.UdpIp("2001:db8::1", 5353, "2001:db8::2", 53, new byte[41]);

    private static byte[] Build(Action<PcapNgWriter> write, bool bigEndian = false)
    {
        using var ms = new MemoryStream();
        using (var w = new PcapNgWriter(ms, leaveOpen: true, bigEndian: bigEndian))
            write(w);
        return ms.ToArray();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Two_interfaces_with_different_link_types_and_resolutions(bool bigEndian)
    {
        var t1 = new CaptureTime(1_700_000_000_123_456_789);
        var t2 = new CaptureTime(1_700_000_001_000_000_001);
        var bytes = Build(w =>
        {
            int eth = w.AddInterface(LinkType.Ethernet, 65535, timestampResolution: 6, name: "eth0");
            int raw = w.AddInterface(LinkType.Raw, 0, timestampResolution: 9, timestampOffsetSeconds: 3600);
            w.Write(eth, t1, EthFrame);
            w.Write(raw, t2, RawFrame);
            w.Write(eth, t2, EthFrame, originalLength: 9000);
        }, bigEndian);
        var path = TempWith(bytes, CaptureFileFormat.PcapNg);

        using var reader = new PcapNgFileReader(path);
        var read = ReadBack.All(reader);

        Assert.Equal(3, read.Count);
        Assert.Equal(EthFrame, read[0].Data);
        Assert.Equal((1_700_000_000_123_456_000L, LinkType.Ethernet, 0), (read[0].UnixNanoseconds, read[0].LinkType, read[0].InterfaceId));
        Assert.Equal(RawFrame, read[1].Data);
        Assert.Equal((t2.UnixNanoseconds, LinkType.Raw, 1), (read[1].UnixNanoseconds, read[1].LinkType, read[1].InterfaceId));
        Assert.Equal(9000, read[2].OriginalLength);
        Assert.Equal(2, reader.Interfaces.Count);
        Assert.Equal(3600, reader.Interfaces[1].OffsetSeconds);
        Assert.Empty(reader.Warnings);
        Assert.Equal(bytes.Length, reader.BytesRead);

        // libpcap refuses mixed link types in one file; tshark reads them and must agree on interfaces and times.
        var tshark = Tshark.Fields(path, "frame.interface_id", "frame.time_epoch", "frame.len");
        if (tshark is null)
            return;
        Assert.Equal(["0", "1700000000.123456000", EthFrame.Length.ToString()], tshark[0]);
        Assert.Equal(["1", "1700000001.000000001", RawFrame.Length.ToString()], tshark[1]);
        Assert.Equal(["0", "1700000001.000000000", "9000"], tshark[2]);
    }

    [Theory]
    [InlineData(0x80 | 20, 1_700_000_000_500_000_000L)]   // 2^-20 s units: 0.5 s is exact
    [InlineData(3, 1_700_000_000_123_000_000L)]            // milliseconds
    [InlineData(12, 1_000_123_456_789L)]                   // picoseconds, reduced to ns (64 bits of ps end in 1970+213 days)
    public void Timestamp_resolutions_other_than_micro_and_nano(int tsresol, long ns)
    {
        var bytes = Build(w =>
        {
            int id = w.AddInterface(LinkType.Ethernet, 0, timestampResolution: (byte)tsresol);
            w.Write(id, new CaptureTime(ns), EthFrame);
        });
        var p = Assert.Single(ReadBack.All(TempWith(bytes, CaptureFileFormat.PcapNg)));
        Assert.Equal(ns, p.UnixNanoseconds);
    }

    [Fact]
    public void Simple_packet_block_uses_interface_0_snaplen_and_the_last_timestamp()
    {
        var t = new CaptureTime(1_600_000_000_000_000_042);
        var bytes = Build(w =>
        {
            int id = w.AddInterface(LinkType.Ethernet, 40, timestampResolution: 9);
            w.Write(id, t, EthFrame[..30]);
            w.WriteSimple(EthFrame[..40], originalLength: EthFrame.Length);
        });
        var read = ReadBack.All(TempWith(bytes, CaptureFileFormat.PcapNg));
        Assert.Equal(2, read.Count);
        Assert.Equal(EthFrame[..40], read[1].Data);
        Assert.Equal(EthFrame.Length, read[1].OriginalLength);
        Assert.Equal(t.UnixNanoseconds, read[1].UnixNanoseconds);
    }

    [Fact]
    public void Obsolete_packet_block_is_read()
    {
        var body = new byte[20 + 8];
        BinaryPrimitives.WriteUInt16LittleEndian(body, 0);
        BinaryPrimitives.WriteUInt32LittleEndian(body.AsSpan(4), 0);
        BinaryPrimitives.WriteUInt32LittleEndian(body.AsSpan(8), 1_000_000);  // 1 s in µs
        BinaryPrimitives.WriteUInt32LittleEndian(body.AsSpan(12), 8);
        BinaryPrimitives.WriteUInt32LittleEndian(body.AsSpan(16), 8);
        "ABCDEFGH"u8.CopyTo(body.AsSpan(20));
        var bytes = Build(w =>
        {
            w.AddInterface(LinkType.Ethernet, 0, timestampResolution: 6);
            w.WriteRawBlock(PcapNgWriter.ObsoletePacketType, body);
        });
        var p = Assert.Single(ReadBack.All(TempWith(bytes, CaptureFileFormat.PcapNg)));
        Assert.Equal("ABCDEFGH"u8.ToArray(), p.Data);
        Assert.Equal(1_000_000_000L, p.UnixNanoseconds);
    }

    [Fact]
    public void Unknown_blocks_are_skipped_by_length()
    {
        var bytes = Build(w =>
        {
            int id = w.AddInterface(LinkType.Ethernet);
            w.WriteRawBlock(0x0BAD_F00D, new byte[1001]);
            w.Write(id, new CaptureTime(5), EthFrame);
            w.WriteRawBlock(5, new byte[16]);   // Interface Statistics Block
            w.Write(id, new CaptureTime(6), EthFrame);
        });
        using var reader = CaptureFile.Open(TempWith(bytes, CaptureFileFormat.PcapNg));
        Assert.Equal(2, ReadBack.All(reader).Count);
        Assert.Empty(reader.Warnings);
    }

    [Fact]
    public void Several_sections_of_different_byte_orders_each_with_their_own_interfaces()
    {
        var first = Build(w =>
        {
            int id = w.AddInterface(LinkType.Ethernet, timestampResolution: 6);
            w.Write(id, new CaptureTime(1_000_000_000), EthFrame);
        });
        var second = Build(w =>
        {
            w.AddInterface(LinkType.Ethernet, timestampResolution: 6);
            int raw = w.AddInterface(LinkType.Raw, timestampResolution: 9);
            w.Write(raw, new CaptureTime(2_000_000_001), RawFrame);
        }, bigEndian: true);
        var path = TempWith([.. first, .. second], CaptureFileFormat.PcapNg);

        using var reader = new PcapNgFileReader(path);
        var read = ReadBack.All(reader);

        Assert.Equal(2, read.Count);
        Assert.Equal((LinkType.Ethernet, 1_000_000_000L), (read[0].LinkType, read[0].UnixNanoseconds));
        Assert.Equal((LinkType.Raw, 2_000_000_001L, 1), (read[1].LinkType, read[1].UnixNanoseconds, read[1].InterfaceId));
        Assert.Equal(RawFrame, read[1].Data);
        Assert.Equal(2, reader.SectionCount);
        Assert.Empty(reader.Warnings);
    }

    [Fact]
    public void Corrupt_length_of_the_last_block_ends_with_a_warning_after_delivering_earlier_packets()
    {
        int thirdOffset = 0;
        var bytes = Build(w =>
        {
            int id = w.AddInterface(LinkType.Ethernet);
            w.Write(id, new CaptureTime(1), EthFrame);
            w.Write(id, new CaptureTime(2), EthFrame);
            w.Flush();
        });
        thirdOffset = bytes.Length;
        var withThird = Build(w =>
        {
            int id = w.AddInterface(LinkType.Ethernet);
            w.Write(id, new CaptureTime(1), EthFrame);
            w.Write(id, new CaptureTime(2), EthFrame);
            w.Write(id, new CaptureTime(3), EthFrame);
        });
        foreach (uint bogus in new uint[] { 7, 13, 0xFFFF_FFF0, 64 })
        {
            var damaged = (byte[])withThird.Clone();
            BinaryPrimitives.WriteUInt32LittleEndian(damaged.AsSpan(thirdOffset + 4), bogus);
            using var reader = CaptureFile.Open(TempWith(damaged, CaptureFileFormat.PcapNg));
            var read = ReadBack.All(reader);
            Assert.Equal(2, read.Count);
            var warning = Assert.Single(reader.Warnings);
            Assert.Contains($"offset {thirdOffset}", warning);
            Assert.Contains("block 5", warning);   // SHB, IDB, EPB, EPB, then the damaged one
        }
    }

    /// <summary>Six packets of distinct lengths, and the byte offset of each Enhanced Packet Block.</summary>
    private static (byte[] Bytes, List<int> Offsets, List<byte[]> Frames) SixPackets()
    {
        var frames = Enumerable.Range(0, 6).Select(i => TestPackets.Tcp("192.0.2.1", 40000, "192.0.2.2", 25, (uint)(1 + 100 * i), 2,
            TcpFlags.Ack, new byte[10 + 7 * i])).ToList();
        var offsets = new List<int>();
        using var ms = new MemoryStream();
        using (var w = new PcapNgWriter(ms, leaveOpen: true))
        {
            int id = w.AddInterface(LinkType.Ethernet);
            for (int i = 0; i < frames.Count; i++)
            {
                w.Flush();
                offsets.Add((int)ms.Length);
                w.Write(id, new CaptureTime(1_700_000_000_000_000_000 + i), frames[i]);
            }
        }
        return (ms.ToArray(), offsets, frames);
    }

    [Theory]
    [InlineData(0xFFFF_FFF0u)]
    [InlineData(13u)]
    [InlineData(64u)]
    public void Corrupt_block_length_is_reported_and_reading_resumes_at_the_next_block(uint bogus)
    {
        var (bytes, offsets, frames) = SixPackets();
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(offsets[2] + 4), bogus);

        using var reader = CaptureFile.Open(TempWith(bytes, CaptureFileFormat.PcapNg));
        var read = ReadBack.All(reader);

        Assert.Equal(frames.Where((_, i) => i != 2), read.Select(p => p.Data));
        var warning = Assert.Single(reader.Warnings);
        Assert.Contains($"at byte offset {offsets[2]}", warning);
        Assert.Contains($"next readable block at byte offset {offsets[3]}", warning);
    }

    [Fact]
    public void Garbage_between_blocks_is_skipped_and_every_packet_is_read()
    {
        var (bytes, offsets, frames) = SixPackets();
        var garbage = new byte[501];
        new Random(2).NextBytes(garbage);
        garbage.AsSpan(0, 8).Fill(0xEE); // its "length" cannot be right
        var damaged = bytes.Take(offsets[4]).Concat(garbage).Concat(bytes.Skip(offsets[4])).ToArray();

        using var reader = CaptureFile.Open(TempWith(damaged, CaptureFileFormat.PcapNg));
        Assert.Equal(frames, ReadBack.All(reader).Select(p => p.Data));
        Assert.Contains("skipped 501 bytes", Assert.Single(reader.Warnings));
    }

    [Fact]
    public void A_trailing_length_that_differs_skips_that_block_only()
    {
        var (bytes, offsets, frames) = SixPackets();
        int end = offsets[1] + (offsets[2] - offsets[1]) - 4;
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(end), 4096);

        using var reader = CaptureFile.Open(TempWith(bytes, CaptureFileFormat.PcapNg));
        Assert.Equal(frames.Where((_, i) => i != 1), ReadBack.All(reader).Select(p => p.Data));
        Assert.Contains("trailing length differs", Assert.Single(reader.Warnings));
    }

    [Fact]
    public void Truncated_last_block_warns()
    {
        var bytes = Build(w =>
        {
            int id = w.AddInterface(LinkType.Ethernet);
            w.Write(id, new CaptureTime(1), EthFrame);
            w.Write(id, new CaptureTime(2), EthFrame);
        });
        using var reader = CaptureFile.Open(TempWith(bytes[..^9], CaptureFileFormat.PcapNg));
        Assert.Single(ReadBack.All(reader));
        Assert.Contains("Truncated block 4", Assert.Single(reader.Warnings));
    }

    [Fact]
    public void Packet_for_an_undeclared_interface_is_skipped_with_a_warning()
    {
        var bytes = Build(w =>
        {
            int id = w.AddInterface(LinkType.Ethernet);
            w.Write(id, new CaptureTime(1), EthFrame);
        });
        // Point the EPB at interface 7.
        int epb = bytes.Length - (32 + ((EthFrame.Length + 3) & ~3));
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(epb + 8), 7);
        using var reader = CaptureFile.Open(TempWith(bytes, CaptureFileFormat.PcapNg));
        Assert.Empty(ReadBack.All(reader));
        Assert.Contains("interface 7", Assert.Single(reader.Warnings));
    }

    [Fact]
    public void Captured_length_beyond_the_block_is_skipped_not_read_out_of_bounds()
    {
        var bytes = Build(w =>
        {
            int id = w.AddInterface(LinkType.Ethernet);
            w.Write(id, new CaptureTime(1), EthFrame);
            w.Write(id, new CaptureTime(2), EthFrame);
        });
        int epb = bytes.Length - 2 * (32 + ((EthFrame.Length + 3) & ~3));
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(epb + 20), 5000);
        using var reader = CaptureFile.Open(TempWith(bytes, CaptureFileFormat.PcapNg));
        Assert.Single(ReadBack.All(reader));
        Assert.Contains("claims 5000 captured bytes", Assert.Single(reader.Warnings));
    }
}
