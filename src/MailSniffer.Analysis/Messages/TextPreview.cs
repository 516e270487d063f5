using System.Buffers;
using System.Collections.Concurrent;
using System.Text;
using MimeKit;
using MimeKit.Text;

namespace MailSniffer.Analysis.Messages;

/// <summary>The first characters of a message's text, from a bounded prefix of its decoded body (never the whole body).</summary>
internal static class TextPreview
{
    /// <summary>Decoded bytes read per text part; enough for a preview even after HTML markup is stripped.</summary>
    private const int PrefixBytes = 16 * 1024;

    /// <summary>
    /// Plain text is read in a small prefix first: a preview needs a few hundred characters, and decoding 16 KiB of
    /// every message into a fresh array and a string was a fifth of everything the model allocated.
    /// </summary>
    private const int FirstPlainBytes = 2 * 1024;

    public static string? From(TextPart part, int length)
    {
        if (length <= 0 || part.Content == null) return null;
        byte[] buffer = ArrayPool<byte>.Shared.Rent(PrefixBytes);
        Stream? opened = null;
        try
        {
            // Text that is not transfer-encoded is read straight from the content: MimeKit's decoded view wraps even
            // that in a filtering stream with a read buffer of its own, allocated for every message.
            Stream decoded = IsIdentity(part.Content.Encoding) && part.Content.Stream is { CanSeek: true } raw
                ? Rewound(raw)
                : (opened = part.Content.Open());
            int n = ReadUpTo(decoded, buffer.AsSpan(0, part.IsHtml ? PrefixBytes : FirstPlainBytes));
            if (part.IsHtml)
            {
                string html = Decode(part, buffer.AsSpan(0, n));
                var previewer = new HtmlTextPreviewer { MaximumPreviewLength = Math.Max(length * 4, 256) };
                try { html = previewer.GetPreviewText(html); }
                catch (Exception) { /* MimeKit's tokenizer on truncated hostile HTML: keep the raw text rather than nothing */ }
                return Collapse(html, length);
            }
            if (n == FirstPlainBytes)
            {
                // If the short prefix already holds one character more than the preview keeps, the rest of the text
                // cannot change the preview: collapsing is decided left to right.
                string? quick = CollapseDecoded(part, buffer.AsSpan(0, n), length, onlyIfDecided: true);
                if (quick != null) return quick;
                n += ReadUpTo(decoded, buffer.AsSpan(n, PrefixBytes - n));
            }
            return CollapseDecoded(part, buffer.AsSpan(0, n), length, onlyIfDecided: false);
        }
        finally
        {
            opened?.Dispose();
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static bool IsIdentity(ContentEncoding encoding) =>
        encoding is ContentEncoding.Default or ContentEncoding.SevenBit or ContentEncoding.EightBit or ContentEncoding.Binary;

    private static Stream Rewound(Stream stream)
    {
        stream.Seek(0, SeekOrigin.Begin);
        return stream;
    }

    /// <summary>
    /// Decodes the bytes into a pooled buffer and collapses them: only the preview becomes a string, not the 2–16 KiB
    /// of text it is taken from. With <paramref name="onlyIfDecided"/>, null unless the text holds more than the
    /// preview keeps (see <see cref="From"/>).
    /// </summary>
    private static string? CollapseDecoded(TextPart part, ReadOnlySpan<byte> bytes, int length, bool onlyIfDecided)
    {
        Encoding encoding = EncodingOf(part.ContentType) ?? Encoding.UTF8;
        char[] chars = ArrayPool<char>.Shared.Rent(Math.Max(encoding.GetMaxCharCount(bytes.Length), Encoding.UTF8.GetMaxCharCount(bytes.Length)));
        try
        {
            int count;
            try { count = encoding.GetChars(bytes, chars); }
            catch (DecoderFallbackException) { count = Encoding.UTF8.GetChars(bytes, chars); }
            var text = chars.AsSpan(0, count);
            if (onlyIfDecided && Collapse(text, length + 1).Length <= length) return null;
            return Collapse(text, length);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(chars);
        }
    }

    /// <summary>
    /// Encodings by charset name. MimeKit resolves the name anew on every call (name parsing, tables, a code-page
    /// lookup), a measurable share of summarising the thousands of small messages a capture holds. Names come from the
    /// wire, so only the first few distinct ones are kept.
    /// </summary>
    private static readonly ConcurrentDictionary<string, Encoding?> Encodings = new(StringComparer.OrdinalIgnoreCase);
    private const int MaxKeptEncodings = 64;

    private static Encoding? EncodingOf(ContentType type)
    {
        string? charset = type.Charset;
        if (charset == null) return null;
        if (Encodings.TryGetValue(charset, out var known)) return known;
        var encoding = type.CharsetEncoding;
        if (Encodings.Count < MaxKeptEncodings) Encodings.TryAdd(charset, encoding);
        return encoding;
    }

    private static string Decode(TextPart part, ReadOnlySpan<byte> bytes)
    {
        Encoding encoding = EncodingOf(part.ContentType) ?? Encoding.UTF8;
        try { return encoding.GetString(bytes); }
        catch (DecoderFallbackException) { return Encoding.UTF8.GetString(bytes); }
    }

    private static int ReadUpTo(Stream stream, Span<byte> buffer)
    {
        int total = 0;
        while (total < buffer.Length)
        {
            int n = stream.Read(buffer[total..]);
            if (n <= 0) break;
            total += n;
        }
        return total;
    }

    internal static string Collapse(string text, int length) => Collapse(text.AsSpan(), length);

    internal static string Collapse(ReadOnlySpan<char> text, int length)
    {
        var sb = new StringBuilder(Math.Min(text.Length, length + 1));
        bool pendingSpace = false;
        foreach (char c in text)
        {
            if (char.IsWhiteSpace(c) || char.IsControl(c)) { pendingSpace = sb.Length > 0; continue; }
            if (pendingSpace) { sb.Append(' '); pendingSpace = false; }
            if (sb.Length >= length) break;
            sb.Append(c);
        }
        if (sb.Length > length) sb.Length = length;
        // Do not end on half a surrogate pair.
        if (sb.Length > 0 && char.IsHighSurrogate(sb[^1])) sb.Length--;
        return sb.ToString();
    }
}
