using MimeKit;

namespace MailSniffer.Server.Demo;

/// <summary>The messages alice sends: the kinds an analyzer must reconstruct (plain, HTML with binary attachment, non-ASCII, multi-domain Cc).</summary>
public static class DemoMessages
{
    public static MimeMessage PlainText() => Build("Lunch on Friday?", ["bob@b.test"], [],
        new TextPart("plain") { Text = "Hi Bob,\r\n\r\nLunch on Friday at noon?\r\n.\r\nA line with only a dot above, and\r\n.. one starting with two dots.\r\n\r\nAlice\r\n" });

    public static MimeMessage HtmlWithAttachment()
    {
        var builder = new BodyBuilder
        {
            TextBody = "The quarterly numbers are attached.\r\n",
            HtmlBody = "<html><body><p>The <b>quarterly numbers</b> are attached.</p></body></html>\r\n",
        };
        // Deterministic binary content (all byte values) so an analyzer can compare extracted attachments.
        var data = new byte[4096];
        for (var i = 0; i < data.Length; i++) data[i] = (byte)(i * 7 + i / 256);
        builder.Attachments.Add("numbers.bin", data, new ContentType("application", "octet-stream"));
        return Build("Quarterly numbers", ["bob@b.test"], [], builder.ToMessageBody());
    }

    public static MimeMessage NonAscii() => Build("Grüße aus Zürich – 東京 ✉", ["bob@b.test"], [],
        new TextPart("plain") { Text = "Liebe Grüße, Bob!\r\nÇa va? Ünïcödé everywhere: 日本語, Ελληνικά, emoji 📬.\r\n" });

    public static MimeMessage BothDomains() => Build("Project kickoff", ["bob@b.test"], ["carol@a.test"],
        new TextPart("plain") { Text = "Bob, Carol: kickoff is Monday 9:00.\r\n" });

    public static MimeMessage OverStartTls() => Build("Confidential: salary review", ["bob@b.test"], [],
        new TextPart("plain") { Text = "This one travelled over STARTTLS; a sniffer sees only TLS records.\r\n" });

    private static MimeMessage Build(string subject, string[] to, string[] cc, MimeEntity body)
    {
        var m = new MimeMessage();
        m.From.Add(new MailboxAddress("Alice Example", "alice@a.test"));
        foreach (var t in to) m.To.Add(new MailboxAddress(t.StartsWith("bob", StringComparison.Ordinal) ? "Bob Builder" : null, t));
        foreach (var c in cc) m.Cc.Add(new MailboxAddress("Carol", c));
        m.Subject = subject;
        m.Date = DateTimeOffset.UtcNow;
        m.MessageId = MimeKit.Utils.MimeUtils.GenerateMessageId("a.test");
        m.Body = body;
        return m;
    }
}
