using System.Text;
using MimeKit;
using MimeKit.Text;

namespace MailSniffer.Analysis.Messages;

/// <summary>The first characters of a message's text, from a bounded prefix of its decoded body (never the whole body).</summary>
internal static class TextPreview
{
    /// <summary>Decoded bytes read per text part; enough for a preview even after HTML markup is stripped.</summary>
    private const int PrefixBytes = 16 * 1024;

    public static string? From(TextPart part, int length)
    {
        if (length <= 0 || part.Content == null) return null;
        var prefix = new PrefixCaptureStream(PrefixBytes);
        part.Content.DecodeTo(prefix);
        Encoding encoding = part.ContentType.CharsetEncoding ?? Encoding.UTF8;
        string text;
        try { text = encoding.GetString(prefix.Prefix); }
        catch (DecoderFallbackException) { text = Encoding.UTF8.GetString(prefix.Prefix); }
        if (part.IsHtml)
        {
            var previewer = new HtmlTextPreviewer { MaximumPreviewLength = Math.Max(length * 4, 256) };
            try { text = previewer.GetPreviewText(text); }
            catch (Exception) { /* MimeKit's tokenizer on truncated hostile HTML: keep the raw text rather than nothing */ }
        }
        return Collapse(text, length);
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
