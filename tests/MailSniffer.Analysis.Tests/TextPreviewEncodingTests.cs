using System.Text;
using MailSniffer.Analysis.Messages;
using MailSniffer.Decoders.Messages;
using MimeKit;

namespace MailSniffer.Analysis.Tests;

/// <summary>
/// The preview is read straight from the content when the text is not transfer-encoded and through MimeKit's decoder
/// otherwise; either way it must be the collapsed start of the text MimeKit decodes.
/// </summary>
public class TextPreviewEncodingTests
{
    public static TheoryData<ContentEncoding, string, int, int> Cases()
    {
        var data = new TheoryData<ContentEncoding, string, int, int>();
        foreach (var encoding in new[] { ContentEncoding.SevenBit, ContentEncoding.EightBit, ContentEncoding.Binary, ContentEncoding.QuotedPrintable, ContentEncoding.Base64, ContentEncoding.Default })
        foreach (var charset in new[] { "utf-8", "iso-8859-1" })
        foreach (int chars in new[] { 40, 3_000, 20_000 })
        foreach (int preview in new[] { 50, 500, 5_000 })
            data.Add(encoding, charset, chars, preview);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Preview_is_the_collapsed_start_of_the_decoded_text(ContentEncoding encoding, string charset, int chars, int preview)
    {
        bool ascii = encoding is ContentEncoding.SevenBit or ContentEncoding.Default;
        string sentence = ascii ? "Hello  Bob,\r\n the numbers\tare in. " : "Grüße   Bob,\r\n die Zahlen\tsind da — café. ";
        if (charset == "iso-8859-1") sentence = sentence.Replace("—", "-");
        var text = new StringBuilder();
        while (text.Length < chars) text.Append(sentence);
        var part = new TextPart("plain") { ContentTransferEncoding = encoding };
        part.SetText(charset, text.ToString());
        var message = new MimeMessage { Subject = "s", Body = part };
        message.From.Add(new MailboxAddress("", "a@example.org"));
        using var raw = new MemoryStream();
        message.WriteTo(raw);

        // As a decoder delivers it: appended into chunks.
        using var content = new MessageContent();
        content.Append(raw.ToArray());
        var summary = new MessageSummarizer(new AnalysisOptions { PreviewLength = preview }).Summarize(content);

        var parsed = MimeMessage.Load(new MemoryStream(raw.ToArray()));
        string decoded = ((TextPart)parsed.Body!).Text!;
        // The preview reads at most 16 KiB of decoded bytes: compare with the text of that prefix.
        string expected = TextPreview.Collapse(decoded, preview);
        if (Encoding.GetEncoding(charset).GetByteCount(decoded) > 16 * 1024)
            Assert.StartsWith(summary.Preview!, expected);
        else
            Assert.Equal(expected, summary.Preview);
        Assert.True(summary.Preview!.Length <= preview);
    }
}
