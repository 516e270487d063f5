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
        try
        {
            using var decoded = part.Content.Open();
            int n = ReadUpTo(decoded, buffer.AsSpan(0, part.IsHtml ? PrefixBytes : FirstPlainBytes));
            if (!part.IsHtml && n == FirstPlainBytes)
            {
                // If the short prefix already holds one character more than the preview keeps, the rest of the text
                // cannot change the preview: collapsing is decided left to right.
                string quick = Decode(part, buffer.AsSpan(0, n));
                if (Collapse(quick, length + 1).Length > length) return Collapse(quick, length);
                n += ReadUpTo(decoded, buffer.AsSpan(n, PrefixBytes - n));
            }
            string text = Decode(part, buffer.AsSpan(0, n));
            if (part.IsHtml)
            {
                var previewer = new HtmlTextPreviewer { MaximumPreviewLength = Math.Max(length * 4, 256) };
                try { text = previewer.GetPreviewText(text); }
                catch (Exception) { /* MimeKit's tokenizer on truncated hostile HTML: keep the raw text rather than nothing */ }
            }
            return Collapse(text, length);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
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

    internal static string Collapse(string text, int length)
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
