using System.Buffers;
using System.Buffers.Text;
using System.Security.Cryptography;
using MailSniffer.Decoders.Messages;
using MimeKit;
using MimeKit.IO;

namespace MailSniffer.Analysis.Messages;

/// <summary>
/// Decoded size and SHA-256 of a part's content, streamed. Base64 — nearly every attachment — is decoded with the
/// runtime's vectorised decoder, several times faster than MimeKit's filter chain; anything else, or base64 the strict
/// decoder rejects (stray characters, padding in the middle), goes through MimeKit's lenient decoder, which skips
/// invalid characters as Python's email package does.
/// </summary>
internal static class AttachmentHasher
{
    private const int InputChunk = 64 * 1024;

    public static (long Size, string Sha256) Hash(MimePart part)
    {
        if (part.Content is not { } content) return (0, Convert.ToHexStringLower(SHA256.HashData(ReadOnlySpan<byte>.Empty)));
        if (content.Encoding == ContentEncoding.Base64 && content.Stream is { } raw && TryBase64(raw) is { } fast) return fast;
        using var sink = new HashingSinkStream();
        content.DecodeTo(sink);
        return (sink.BytesWritten, sink.FinishHex());
    }

    internal static (long Size, string Sha256)? TryBase64(Stream encoded)
    {
        // A part of a message held in memory is decoded from the message's own chunks: copying it out first (into
        // MimeKit's bounded stream's reader) only to squeeze out its line breaks cost a pass over every attachment.
        if (encoded is BoundStream { BaseStream: ChunkedContentStream chunks } bound)
        {
            long end = bound.EndBoundary < 0 ? chunks.Length : Math.Min(bound.EndBoundary, chunks.Length);
            var source = new SegmentSource(chunks, bound.StartBoundary, end);
            return Decode(ref source);
        }
        if (!encoded.CanSeek) return null;
        encoded.Seek(0, SeekOrigin.Begin);
        var stream = new StreamSource(encoded);
        return Decode(ref stream);
    }

    /// <summary>Where base64 text comes from: fills a buffer with text, line breaks already left out.</summary>
    private interface IBase64Source
    {
        /// <summary>Writes text into <paramref name="into"/>; 0 only when the input has ended.</summary>
        int Fill(Span<byte> into);
    }

    private struct StreamSource(Stream stream) : IBase64Source
    {
        public int Fill(Span<byte> into)
        {
            while (true)
            {
                int n = stream.Read(into);
                if (n == 0) return 0;
                int kept = RemoveWhitespace(into[..n]);
                if (kept > 0) return kept;
            }
        }
    }

    private struct SegmentSource(ChunkedContentStream chunks, long position, long end) : IBase64Source
    {
        public int Fill(Span<byte> into)
        {
            int written = 0;
            while (written < into.Length && position < end)
            {
                var segment = chunks.SegmentAt(position);
                if (segment.IsEmpty) break;
                if (segment.Length > end - position) segment = segment[..(int)(end - position)];
                written += CopyWithoutWhitespace(segment, into[written..], out int consumed);
                position += consumed;
            }
            return written;
        }
    }

    private static (long Size, string Sha256)? Decode<TSource>(ref TSource source) where TSource : struct, IBase64Source
    {
        byte[] input = ArrayPool<byte>.Shared.Rent(InputChunk);
        byte[] output = ArrayPool<byte>.Shared.Rent(Base64.GetMaxDecodedFromUtf8Length(InputChunk));
        IncrementalHash? sha = Sha256Contexts.Rent();
        try
        {
            long size = 0;
            int carried = 0;
            while (true)
            {
                int added = source.Fill(input.AsSpan(carried));
                int available = carried + added;
                bool final = added == 0;
                var status = Base64.DecodeFromUtf8(input.AsSpan(0, available), output, out int consumed, out int written, final);
                // Padding ("Cg==") is invalid in a block that is not the last, so a chunk ending in the real tail reads as
                // invalid until the end of input is known: carry it and decide on the final block. Truly invalid input
                // is carried until the buffer is full or the input ends, then handed to MimeKit.
                if (status == OperationStatus.InvalidData && final) return null;
                sha.AppendData(output, 0, written);
                size += written;
                carried = available - consumed;
                if (final)
                {
                    if (carried != 0 && !IsWhitespace(input.AsSpan(consumed, carried))) return null;
                    var result = (size, Convert.ToHexStringLower(sha.GetHashAndReset()));
                    Sha256Contexts.ReturnReset(sha);
                    sha = null;
                    return result;
                }
                // An undecodable tail that fills the whole buffer would never progress: let MimeKit handle it.
                if (carried == input.Length) return null;
                input.AsSpan(consumed, carried).CopyTo(input);
            }
        }
        finally
        {
            if (sha != null) Sha256Contexts.Return(sha);
            ArrayPool<byte>.Shared.Return(input);
            ArrayPool<byte>.Shared.Return(output);
        }
    }

    private static readonly SearchValues<byte> Whitespace = SearchValues.Create(" \t\r\n"u8);

    /// <summary>
    /// Squeezes out line breaks (and any other whitespace the decoder would skip) in place; returns the length left.
    /// The runtime decoder tolerates whitespace only on a scalar fallback path, several times slower than its
    /// vectorised one, and attachments have a line break every 76 characters.
    /// </summary>
    private static int RemoveWhitespace(Span<byte> s)
    {
        int write = s.IndexOfAny(Whitespace);
        if (write < 0) return s.Length;
        int read = write;
        int width = 0;
        while (read < s.Length)
        {
            int text = s[read..].IndexOfAnyExcept(Whitespace);
            if (text < 0) break;
            read += text;
            // Encoders write lines of one width, each ended by CRLF: while that holds, lines are moved without
            // searching them (whitespace inside such a line is left for the decoder, which skips it, only slower).
            if (width > 0)
            {
                while (read + width + 2 <= s.Length && s[read + width] == (byte)'\r' && s[read + width + 1] == (byte)'\n')
                {
                    s.Slice(read, width).CopyTo(s[write..]);
                    write += width;
                    read += width + 2;
                }
            }
            int end = s[read..].IndexOfAny(Whitespace);
            int length = end < 0 ? s.Length - read : end;
            s.Slice(read, length).CopyTo(s[write..]);
            write += length;
            read += length;
            width = length;
        }
        return write;
    }

    /// <summary>
    /// <see cref="RemoveWhitespace"/> from one buffer into another: copies <paramref name="source"/> into
    /// <paramref name="into"/> without whitespace until either ends; returns the bytes written, and in
    /// <paramref name="consumed"/> how much of the source they came from.
    /// </summary>
    private static int CopyWithoutWhitespace(ReadOnlySpan<byte> source, Span<byte> into, out int consumed)
    {
        int read = 0, write = 0, width = 0;
        while (read < source.Length && write < into.Length)
        {
            int text = source[read..].IndexOfAnyExcept(Whitespace);
            if (text < 0) { read = source.Length; break; }
            read += text;
            // Lines of the encoder's one width, each ended by CRLF, are moved without searching them.
            if (width > 0)
            {
                while (read + width + 2 <= source.Length && write + width <= into.Length
                       && source[read + width] == (byte)'\r' && source[read + width + 1] == (byte)'\n')
                {
                    source.Slice(read, width).CopyTo(into[write..]);
                    write += width;
                    read += width + 2;
                }
            }
            int end = source[read..].IndexOfAny(Whitespace);
            int length = Math.Min(end < 0 ? source.Length - read : end, into.Length - write);
            source.Slice(read, length).CopyTo(into[write..]);
            write += length;
            read += length;
            width = length;
        }
        consumed = read;
        return write;
    }

    private static bool IsWhitespace(ReadOnlySpan<byte> s)
    {
        foreach (byte b in s)
            if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')) return false;
        return true;
    }
}
