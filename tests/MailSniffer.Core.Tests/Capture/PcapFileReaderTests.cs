using System.Buffers.Binary;
using MailSniffer.Core.Capture;
using MailSniffer.Core.Frames;
using MailSniffer.TestSupport;

namespace MailSniffer.Core.Tests.Capture;

public sealed class PcapFileReaderTests : TempFiles
{
    private static List<byte[]> Frames(int count, int seed = 1)
    {
        var rng = new Random(seed);
        var list = new List<byte[]>();
        for (int i = 0; i < count; i++)
        {
            var payload = new byte[rng.Next(0, 1400)];
            rng.NextBytes(payload);
            list.Add(TestPackets.Tcp("192.0.2.1", 40000, "192.0.2.2", 25, (uint)(1000 + i), 1, TcpFlags.Ack, payload));
        }
        return list;
    }

    private static byte[] WritePcap(IList<(CaptureTime, byte[])> frames, bool nanosecond, bool bigEndian, LinkType linkType = LinkType.Ethernet, int snap = 262144)
    {
        using var ms = new MemoryStream();
        using (var w = new PcapWriter(ms, linkType, snap, nanosecond, leaveOpen: true, bigEndian: bigEndian))
            foreach (var (t, f) in frames)
                w.Write(t, f);
        return ms.ToArray();
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(true, true)]
    public void Reads_back_every_byte_order_and_resolution_like_libpcap(bool nanosecond, bool bigEndian)
    {
        var frames = Frames(50).Select((f, i) => (TestCaptureFile.TimestampOf(i), f)).ToList();
        var path = TempWith(WritePcap(frames, nanosecond, bigEndian));

        using var reader = new PcapFileReader(path);
        Assert.Equal(bigEndian, reader.IsByteSwapped);
        Assert.Equal(nanosecond, reader.IsNanosecond);
        var read = ReadBack.All(reader);
        var libpcap = LibpcapFile.ReadAll(path);

        Assert.Equal(frames.Count, read.Count);
        Assert.Equal(libpcap.Count, read.Count);
        for (int i = 0; i < frames.Count; i++)
        {
            long ns = frames[i].Item1.UnixNanoseconds;
            Assert.Equal(nanosecond ? ns : ns - ns % 1000, read[i].UnixNanoseconds);
            Assert.Equal(frames[i].Item2, read[i].Data);
            Assert.Equal(LinkType.Ethernet, read[i].LinkType);
            Assert.Equal(libpcap[i].Data, read[i].Data);
            Assert.Equal(libpcap[i].UnixNanoseconds, read[i].UnixNanoseconds);
        }
        Assert.Empty(reader.Warnings);
        Assert.Equal(new FileInfo(path).Length, reader.BytesRead);
    }

    [Fact]
    public void Reads_a_hand_built_big_endian_nanosecond_file()
    {
        byte[] file =
        [
            0xa1, 0xb2, 0x3c, 0x4d, 0, 2, 0, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 0, 0, 0, 101,
            // record: 2 s + 999,999,999 ns, 3 bytes captured of 60
            0, 0, 0, 2, 0x3b, 0x9a, 0xc9, 0xff, 0, 0, 0, 3, 0, 0, 0, 60, 0x45, 0x00, 0x01,
        ];
        using var reader = new PcapFileReader(TempWith(file));
        var p = Assert.Single(ReadBack.All(reader));
        Assert.Equal(LinkType.Raw, p.LinkType);
        Assert.Equal(2_999_999_999L, p.UnixNanoseconds);
        Assert.Equal(new byte[] { 0x45, 0x00, 0x01 }, p.Data);
        Assert.Equal(60, p.OriginalLength);
        Assert.Equal(65535, reader.SnapLength);
    }

    [Fact]
    public void Reads_a_hand_built_little_endian_microsecond_file()
    {
        byte[] file =
        [
            0xd4, 0xc3, 0xb2, 0xa1, 2, 0, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 4, 0, 1, 0, 0, 0,
            0x10, 0, 0, 0, 0x40, 0x42, 0x0f, 0, 2, 0, 0, 0, 2, 0, 0, 0, 0xAB, 0xCD,
        ];
        var p = Assert.Single(ReadBack.All(TempWith(file)));
        // 16 s and 0x0f4240 = 1,000,000 µs: an out-of-range fraction is added as a whole second, as libpcap does.
        Assert.Equal(17_000_000_000L, p.UnixNanoseconds);
        Assert.Equal(LinkType.Ethernet, p.LinkType);
    }

    [Fact]
    public void Truncated_last_record_delivers_everything_before_it_and_warns_with_offset_and_record_number()
    {
        var frames = Frames(10).Select((f, i) => (TestCaptureFile.TimestampOf(i), f)).ToList();
        var bytes = WritePcap(frames, false, false);
        long lastOffset = bytes.Length - 16 - frames[^1].Item2.Length;
        var path = TempWith(bytes[..^5]);

        using var reader = CaptureFile.Open(path);
        var read = ReadBack.All(reader);

        Assert.Equal(9, read.Count);
        Assert.Equal(frames[8].Item2, read[8].Data);
        var warning = Assert.Single(reader.Warnings);
        Assert.Contains("record 10", warning);
        Assert.Contains($"offset {lastOffset}", warning);
        Assert.False(reader.TryReadNext(out _));
    }

    [Fact]
    public void Truncated_record_header_warns()
    {
        var frames = Frames(3).Select((f, i) => (TestCaptureFile.TimestampOf(i), f)).ToList();
        var bytes = WritePcap(frames, false, false);
        var path = TempWith([.. bytes, 1, 2, 3, 4, 5]);
        using var reader = CaptureFile.Open(path);
        Assert.Equal(3, ReadBack.All(reader).Count);
        Assert.Contains("record header of record 4", Assert.Single(reader.Warnings));
    }

    [Theory]
    [InlineData(0x7FFF_FFFFu)]
    [InlineData(0xE9FF_E00Du)]
    [InlineData(300_000u)]
    public void Bogus_record_length_is_reported_and_reading_resumes_at_the_next_record(uint bogus)
    {
        var frames = Frames(5).Select((f, i) => (TestCaptureFile.TimestampOf(i), f)).ToList();
        var bytes = WritePcap(frames, false, false);
        int third = 24 + 16 + frames[0].Item2.Length + 16 + frames[1].Item2.Length;
        int fourth = third + 16 + frames[2].Item2.Length;
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(third + 8), bogus);

        using var reader = CaptureFile.Open(TempWith(bytes));
        var read = ReadBack.All(reader);

        // The damaged record cannot be delimited; the ones before and after it are delivered whole.
        Assert.Equal([frames[0].Item2, frames[1].Item2, frames[3].Item2, frames[4].Item2], read.Select(p => p.Data));
        var warning = Assert.Single(reader.Warnings);
        Assert.Contains("Bogus record length", warning);
        Assert.Contains("record 3", warning);
        Assert.Contains($"offset {third}", warning);
        Assert.Contains($"skipped {fourth - third} bytes to the next readable record at byte offset {fourth}", warning);
        Assert.Equal(bytes.Length, reader.BytesRead);
    }

    [Fact]
    public void Inserted_garbage_is_skipped_and_every_record_is_read()
    {
        var frames = Frames(40, seed: 3).Select((f, i) => (TestCaptureFile.TimestampOf(i), f)).ToList();
        var clean = WritePcap(frames, false, false);
        int at = 24 + frames.Take(12).Sum(f => 16 + f.Item2.Length);
        var garbage = new byte[777];
        new Random(5).NextBytes(garbage);
        garbage.AsSpan(8, 4).Fill(0xFF); // whatever else it holds, its "length" field cannot be right
        var damaged = clean.Take(at).Concat(garbage).Concat(clean.Skip(at)).ToArray();

        using var reader = CaptureFile.Open(TempWith(damaged));
        var read = ReadBack.All(reader);

        Assert.Equal(frames.Select(f => f.Item2), read.Select(p => p.Data));
        Assert.Contains("skipped 777 bytes", Assert.Single(reader.Warnings));
    }

    [Fact]
    public void Damage_with_no_record_after_it_ends_the_stream_with_a_warning()
    {
        var frames = Frames(3).Select((f, i) => (TestCaptureFile.TimestampOf(i), f)).ToList();
        var bytes = WritePcap(frames, false, false);
        int last = 24 + 16 + frames[0].Item2.Length + 16 + frames[1].Item2.Length;
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(last + 8), 0x7FFF_FFFF);

        using var reader = CaptureFile.Open(TempWith(bytes));
        Assert.Equal(2, ReadBack.All(reader).Count);
        Assert.Contains("no readable record after it", Assert.Single(reader.Warnings));
    }

    [Fact]
    public void Header_lookalikes_after_damage_that_run_past_the_end_are_not_records()
    {
        // After the damage, 250 KB of would-be record headers every 16 bytes, each claiming more bytes than are left:
        // none is followed by a second header, so none is taken, and the scan ends at the end of the file.
        var frames = Frames(2).Select((f, i) => (TestCaptureFile.TimestampOf(i), f)).ToList();
        var bytes = WritePcap(frames, false, false).ToList();
        var damaged = new byte[16];
        BinaryPrimitives.WriteUInt32LittleEndian(damaged.AsSpan(8), 0x7FFF_FFFF);
        bytes.AddRange(damaged);
        var lookalike = new byte[16];
        uint seconds = (uint)(TestCaptureFile.TimestampOf(1).UnixNanoseconds / 1_000_000_000);
        BinaryPrimitives.WriteUInt32LittleEndian(lookalike, seconds);
        BinaryPrimitives.WriteUInt32LittleEndian(lookalike.AsSpan(8), 250_000);
        BinaryPrimitives.WriteUInt32LittleEndian(lookalike.AsSpan(12), 250_000);
        for (int i = 0; i < 250_000 / 16; i++) bytes.AddRange(lookalike);

        using var reader = CaptureFile.Open(TempWith(bytes.ToArray()));
        Assert.Equal(2, ReadBack.All(reader).Count);
        Assert.Contains("no readable record after it", Assert.Single(reader.Warnings));
    }

    [Fact]
    public void Snaplen_of_the_header_tightens_the_record_length_check()
    {
        var frames = Frames(2).Select((f, i) => (TestCaptureFile.TimestampOf(i), f)).ToList();
        var bytes = WritePcap(frames, false, false, snap: 1600);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(24 + 8), 70_000);
        using var reader = CaptureFile.Open(TempWith(bytes));
        // 70,000 is under libpcap's 262,144 ceiling but not under four times this file's snap length.
        Assert.Equal([frames[1].Item2], ReadBack.All(reader).Select(p => p.Data));
        Assert.Contains("Bogus record length 70000", Assert.Single(reader.Warnings));
    }

    [Fact]
    public void Reads_across_buffer_refills_and_grows_for_records_larger_than_the_buffer()
    {
        var frames = Frames(300, seed: 7).Select((f, i) => (TestCaptureFile.TimestampOf(i), f)).ToList();
        var bytes = WritePcap(frames, true, false);
        // A 64-byte buffer and a stream that returns at most 7 bytes per read exercise every refill path.
        using var reader = new PcapFileReader(new CaptureInput(new TrickleStream(bytes, 7), true, bufferSize: 64), "trickle");
        var read = ReadBack.All(reader);
        Assert.Equal(frames.Count, read.Count);
        for (int i = 0; i < frames.Count; i++)
            Assert.Equal(frames[i].Item2, read[i].Data);
        Assert.Equal(bytes.Length, reader.BytesRead);
        Assert.Empty(reader.Warnings);
    }

    [Fact]
    public void Original_length_smaller_than_captured_is_raised_to_captured()
    {
        var frames = Frames(1).Select((f, i) => (TestCaptureFile.TimestampOf(i), f)).ToList();
        var bytes = WritePcap(frames, false, false);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(24 + 12), 3);
        var p = Assert.Single(ReadBack.All(TempWith(bytes)));
        Assert.Equal(p.Data.Length, p.OriginalLength);
    }

    [Fact]
    public void Reads_the_modified_pcap_format_with_24_byte_record_headers()
    {
        // Kuznetzov's patched libpcap: magic 0xa1b2cd34, each record header has ifindex, protocol, pkt_type, padding.
        byte[] file =
        [
            0x34, 0xcd, 0xb2, 0xa1, 2, 0, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 0, 0, 1, 0, 0, 0,
            5, 0, 0, 0, 7, 0, 0, 0, 2, 0, 0, 0, 2, 0, 0, 0, 1, 0, 0, 0, 0, 8, 0, 0, 0xAA, 0xBB,
            6, 0, 0, 0, 8, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 8, 0, 0, 0xCC,
        ];
        using var reader = CaptureFile.Open(TempWith(file));
        var read = ReadBack.All(reader);
        Assert.Equal(2, read.Count);
        Assert.Equal(new byte[] { 0xAA, 0xBB }, read[0].Data);
        Assert.Equal(5_000_007_000L, read[0].UnixNanoseconds);
        Assert.Equal(new byte[] { 0xCC }, read[1].Data);
        Assert.Empty(reader.Warnings);
    }

    [Fact]
    public void Fcs_flag_bits_in_the_link_type_field_are_ignored()
    {
        var frames = Frames(1).Select((f, i) => (TestCaptureFile.TimestampOf(i), f)).ToList();
        var bytes = WritePcap(frames, false, false);
        // Bit 28 set and FCS length 2 (4 bytes) in bits 29-31, as some NIC captures record.
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(20), 0x5000_0001);
        var p = Assert.Single(ReadBack.All(TempWith(bytes)));
        Assert.Equal(LinkType.Ethernet, p.LinkType);
    }
}
