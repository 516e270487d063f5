using System.Security.Cryptography;
using System.Text;
using MailSniffer.Analysis.Messages;
using MailSniffer.Analysis.Tests.Support;
using MimeKit;

namespace MailSniffer.Analysis.Tests;

public class SummarizerTests
{
    private static MessageSummary Summarize(byte[] bytes, AnalysisOptions? options = null) =>
        new MessageSummarizer(options).Summarize(new MemoryStream(bytes, writable: false));

    [Fact]
    public void Headers_addresses_and_preview_are_read()
    {
        var m = Mime.Simple("Quarterly report – draft ✓", "Hello   Bob,\n\n  the numbers\tare in.\n");
        var s = Summarize(Mime.ToBytes(m));
        Assert.Null(s.ParseError);
        Assert.Equal("abc123@a.test", s.MessageId);
        Assert.Equal(new DateTimeOffset(2026, 11, 22, 10, 0, 0, TimeSpan.FromHours(1)), s.Date);
        Assert.Equal("alice@a.test", s.From);
        Assert.Equal("Alice Example", s.FromName);
        Assert.Equal(new[] { "bob@b.test" }, s.To);
        Assert.Equal(new[] { "carol@c.test" }, s.Cc);
        Assert.Equal("Quarterly report – draft ✓", s.Subject);
        Assert.Equal("Hello Bob, the numbers are in.", s.Preview);
        Assert.Empty(s.Attachments);
    }

    [Fact]
    public void Rfc2047_encoded_subject_is_decoded_from_the_raw_header()
    {
        var raw = Mime.Ascii("From: a@a.test\nSubject: =?utf-8?B?w4ljb2xl?= =?iso-8859-1?Q?_caf=E9?=\n\nbody\n");
        Assert.Equal("École café", Summarize(raw).Subject);
    }

    [Fact]
    public void Gb2312_encoded_word_decodes_despite_invariant_globalization()
    {
        // "测试" in GB2312 is B2 E2 CA D4; only the model's own set-up may make the code page available.
        string b64 = Convert.ToBase64String(new byte[] { 0xB2, 0xE2, 0xCA, 0xD4 });
        var raw = Mime.Ascii($"From: a@a.test\nSubject: test =?gb2312?B?{b64}?=\n\nbody\n");
        Assert.Equal("test 测试", Summarize(raw).Subject);
    }

    [Fact]
    public void Html_only_preview_is_stripped_of_markup()
    {
        var m = Mime.Simple("html");
        m.Body = new TextPart("html") { Text = "<html><head><style>p{color:red}</style></head><body><p>Dear <b>Bob</b>,</p>\n<p>the &amp; sign.</p></body></html>" };
        var s = Summarize(Mime.ToBytes(m));
        Assert.NotNull(s.Preview);
        Assert.DoesNotContain("<", s.Preview);
        Assert.Contains("Dear Bob,", s.Preview);
        Assert.Contains("the & sign.", s.Preview);
    }

    [Fact]
    public void Preview_is_bounded_and_whitespace_collapsed()
    {
        var m = Mime.Simple("long", string.Concat(Enumerable.Repeat("word \r\n\t ", 5000)));
        var s = Summarize(Mime.ToBytes(m), new AnalysisOptions { PreviewLength = 50 });
        Assert.Equal(50, s.Preview!.Length);
        Assert.DoesNotContain("  ", s.Preview);
        Assert.DoesNotContain("\n", s.Preview);
    }

    [Fact]
    public void Attachments_report_decoded_size_and_sha256()
    {
        var pdf = new byte[70_000];
        new Random(7).NextBytes(pdf);
        var text = Encoding.UTF8.GetBytes("line one\r\nline two with é\r\n");
        var m = Mime.WithAttachments("two attachments", ("report.pdf", pdf, "application/pdf"), ("notes.txt", text, "text/plain; charset=utf-8"));
        var s = Summarize(Mime.ToBytes(m));
        Assert.Equal(2, s.Attachments.Count);
        Assert.Equal("report.pdf", s.Attachments[0].FileName);
        Assert.Equal("application/pdf", s.Attachments[0].ContentType);
        Assert.Equal(pdf.Length, s.Attachments[0].Size);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(pdf)), s.Attachments[0].Sha256);
        Assert.Equal("notes.txt", s.Attachments[1].FileName);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(text)), s.Attachments[1].Sha256);
        Assert.Equal("See attached.", s.Preview);
    }

    [Fact]
    public void Rfc2231_continued_and_rfc2047_file_names_are_decoded()
    {
        var raw = Mime.Ascii(
            "From: a@a.test\nSubject: names\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=\"b\"\n\n" +
            "--b\nContent-Type: text/plain\n\nhi\n" +
            "--b\nContent-Type: application/octet-stream\nContent-Disposition: attachment;\n filename*0*=utf-8''%E2%82%AC%20rates%20;\n filename*1*=2026.txt\nContent-Transfer-Encoding: base64\n\naGVsbG8=\n" +
            "--b\nContent-Type: application/octet-stream; name=\"=?utf-8?Q?r=C3=A9sum=C3=A9.doc?=\"\nContent-Disposition: attachment\n\nplain\n" +
            "--b--\n");
        var s = Summarize(raw);
        Assert.Equal(2, s.Attachments.Count);
        Assert.Equal("€ rates 2026.txt", s.Attachments[0].FileName);
        Assert.Equal(5, s.Attachments[0].Size);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData("hello"u8)), s.Attachments[0].Sha256);
        Assert.Equal("résumé.doc", s.Attachments[1].FileName);
    }

    [Fact]
    public void Attached_message_is_an_attachment_and_its_own_parts_are_marked_nested()
    {
        var inner = Mime.WithAttachments("inner", ("inner.bin", new byte[] { 1, 2, 3 }, "application/octet-stream"));
        var outer = Mime.Simple("outer");
        var builder = new BodyBuilder { TextBody = "forwarding\n" };
        builder.Attachments.Add(new MessagePart { Message = inner });
        outer.Body = builder.ToMessageBody();
        var s = Summarize(Mime.ToBytes(outer));
        Assert.Equal(2, s.Attachments.Count);
        Assert.Equal("message/rfc822", s.Attachments[0].ContentType);
        Assert.False(s.Attachments[0].Nested);
        Assert.Equal(Mime.ToBytes(inner).Length, s.Attachments[0].Size);
        Assert.Equal("inner.bin", s.Attachments[1].FileName);
        Assert.True(s.Attachments[1].Nested);
        Assert.Equal("forwarding", s.Preview);
    }

    [Fact]
    public void Ten_thousand_deep_nesting_is_read_without_overflow()
    {
        var sb = new StringBuilder("From: a@a.test\r\nSubject: deep\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"b0\"\r\n\r\n");
        const int depth = 10_000;
        for (int i = 0; i < depth; i++)
            sb.Append($"--b{i}\r\nContent-Type: multipart/mixed; boundary=\"b{i + 1}\"\r\n\r\n");
        sb.Append($"--b{depth}\r\nContent-Type: text/plain\r\n\r\nbottom\r\n--b{depth}--\r\n");
        for (int i = depth - 1; i >= 0; i--) sb.Append($"--b{i}--\r\n");
        var s = Summarize(Encoding.ASCII.GetBytes(sb.ToString()));
        Assert.Equal("deep", s.Subject);
        Assert.Empty(s.Attachments);
    }

    [Fact]
    public void Many_attachments_are_capped_and_counted()
    {
        var sb = new StringBuilder("From: a@a.test\r\nSubject: many\r\nContent-Type: multipart/mixed; boundary=\"b\"\r\n\r\n");
        for (int i = 0; i < 300; i++) sb.Append($"--b\r\nContent-Disposition: attachment; filename=\"f{i}.txt\"\r\n\r\nx\r\n");
        sb.Append("--b--\r\n");
        var s = Summarize(Encoding.ASCII.GetBytes(sb.ToString()), new AnalysisOptions { MaxAttachmentsPerMessage = 100 });
        Assert.Equal(100, s.Attachments.Count);
        Assert.Equal(200, s.AttachmentsOmitted);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\r\n\r\n")]
    [InlineData("not a header at all\r\n")]
    [InlineData("Subject: =?utf-8?B?!!!!?=\r\nContent-Type: multipart/mixed; boundary=\"\"\r\n\r\n--\r\n")]
    [InlineData("Content-Type: multipart/mixed\r\n\r\nno boundary parameter\r\n")]
    [InlineData("From: <<<@@@>>>\r\nTo: ,,,;;;\r\nDate: yesterday-ish\r\nContent-Transfer-Encoding: base64\r\n\r\n%%%%====\r\n")]
    public void Malformed_messages_never_throw(string text)
    {
        var s = Summarize(Encoding.ASCII.GetBytes(text));
        Assert.NotNull(s);
        if (text.Length == 0) Assert.Equal("empty message", s.ParseError);
    }

    [Fact]
    public void Random_and_mutated_bytes_never_throw()
    {
        var rng = new Random(1234);
        var seed = Mime.ToBytes(Mime.WithAttachments("seed", ("a.bin", new byte[500], "application/octet-stream")));
        var summarizer = new MessageSummarizer();
        for (int i = 0; i < 300; i++)
        {
            byte[] bytes;
            if (i % 2 == 0) { bytes = new byte[rng.Next(0, 4000)]; rng.NextBytes(bytes); }
            else
            {
                bytes = (byte[])seed.Clone();
                for (int k = 0; k < 20; k++) bytes[rng.Next(bytes.Length)] = (byte)rng.Next(256);
                bytes = bytes[..rng.Next(bytes.Length)];
            }
            var s = summarizer.Summarize(new MemoryStream(bytes));
            Assert.NotNull(s);
        }
    }
}
