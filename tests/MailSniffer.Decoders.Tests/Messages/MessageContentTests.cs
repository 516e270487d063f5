using System.Security.Cryptography;
using MailSniffer.Decoders.Messages;

namespace MailSniffer.Decoders.Tests.Messages;

public class MessageContentTests
{
    private static byte[] RandomBytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    private static MessageContent AppendInPieces(byte[] data, int seed, int spillThreshold = MessageContent.DefaultSpillThreshold)
    {
        var content = new MessageContent(spillThreshold);
        var rng = new Random(seed);
        for (int i = 0; i < data.Length;)
        {
            int n = Math.Min(data.Length - i, rng.Next(0, 3) == 0 ? rng.Next(1, 8) : rng.Next(1, 100_000));
            content.Append(data.AsSpan(i, n));
            i += n;
        }
        return content;
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(4096)]
    [InlineData(4097)]
    [InlineData(4096 + MessageContent.ChunkSize)]
    [InlineData(4096 + MessageContent.ChunkSize + 1)]
    [InlineData(1_234_567)]
    public void Bytes_and_hash_survive_any_split_across_chunks(int length)
    {
        var data = RandomBytes(length, length);
        for (int seed = 0; seed < 3; seed++)
        {
            using var content = AppendInPieces(data, seed);
            Assert.Equal(length, content.Length);
            Assert.False(content.IsSpilled);
            Assert.Equal(data, content.ToArray());
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(data)), content.Sha256Hex);
        }
    }

    [Fact]
    public void Stream_reads_any_range_after_seeking()
    {
        var data = RandomBytes(300_000, 7);
        using var content = AppendInPieces(data, 1);
        using var stream = content.OpenRead();
        Assert.True(stream.CanSeek);
        Assert.Equal(data.Length, stream.Length);
        var rng = new Random(3);
        for (int i = 0; i < 200; i++)
        {
            int start = rng.Next(0, data.Length);
            int count = rng.Next(0, 150_000);
            stream.Seek(start, SeekOrigin.Begin);
            var buffer = new byte[count];
            int read = stream.ReadAtLeast(buffer, count, throwOnEndOfStream: false);
            Assert.Equal(Math.Min(count, data.Length - start), read);
            Assert.True(data.AsSpan(start, read).SequenceEqual(buffer.AsSpan(0, read)));
        }
        stream.Seek(-1, SeekOrigin.End);
        Assert.Equal(data[^1], stream.ReadByte());
        Assert.Equal(-1, stream.ReadByte());
    }

    [Fact]
    public void Spills_after_several_chunks_and_keeps_every_byte()
    {
        var data = RandomBytes(600_000, 11);
        using var content = AppendInPieces(data, 2, spillThreshold: 200_000);
        Assert.True(content.IsSpilled);
        Assert.Equal(data, content.ToArray());
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(data)), content.Sha256Hex);
    }

    [Fact]
    public void A_stream_over_pooled_chunks_refuses_to_read_after_dispose()
    {
        var data = RandomBytes(200_000, 5);
        var content = AppendInPieces(data, 4);
        var stream = content.OpenRead();
        content.Dispose();
        Assert.Throws<ObjectDisposedException>(() => stream.ReadByte());
        Assert.Throws<ObjectDisposedException>(() => content.OpenRead());
    }

    [Fact]
    public void A_small_content_in_its_pooled_first_chunk_refuses_to_read_after_dispose()
    {
        // The first chunk goes back to the shared pool on Dispose: a stream that still read it would see another message.
        var data = RandomBytes(300, 6);
        var content = AppendInPieces(data, 2);
        var stream = content.OpenRead();
        Assert.IsType<ChunkedContentStream>(stream);
        content.Dispose();
        Assert.Throws<ObjectDisposedException>(() => stream.ReadByte());
        Assert.Throws<ObjectDisposedException>(() => content.OpenRead());
    }

    [Fact]
    public void Segments_read_in_place_cover_every_byte_once_and_stop_at_the_end()
    {
        var data = RandomBytes(300_001, 9);
        using var content = AppendInPieces(data, 3);
        var chunks = Assert.IsType<ChunkedContentStream>(content.OpenRead());
        var rebuilt = new List<byte>();
        long position = 0;
        while (true)
        {
            var segment = chunks.SegmentAt(position);
            if (segment.IsEmpty) break;
            rebuilt.AddRange(segment.ToArray());
            position += segment.Length;
        }
        Assert.Equal(data, rebuilt.ToArray());
        // Any start position gives the bytes from there to the end of its chunk, and never moves the stream.
        foreach (long start in new long[] { 0, 1, 4095, 4096, 4097, 70_000, 300_000 })
        {
            var segment = chunks.SegmentAt(start);
            Assert.True(segment.Length > 0);
            Assert.Equal(data.AsSpan((int)start, segment.Length).ToArray(), segment.ToArray());
        }
        Assert.True(chunks.SegmentAt(300_001).IsEmpty);
        Assert.True(chunks.SegmentAt(-1).IsEmpty);
        Assert.Equal(0, chunks.Position);
    }
}
