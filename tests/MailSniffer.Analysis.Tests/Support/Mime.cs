using System.Text;
using MimeKit;

namespace MailSniffer.Analysis.Tests.Support;

/// <summary>Messages composed with MimeKit (or by hand where MimeKit would refuse to write something hostile).</summary>
internal static class Mime
{
    public static byte[] ToBytes(MimeMessage m)
    {
        using var ms = new MemoryStream();
        // As on the wire: CRLF line endings, whatever the platform default.
        var options = FormatOptions.Default.Clone();
        options.NewLineFormat = NewLineFormat.Dos;
        m.WriteTo(options, ms);
        return ms.ToArray();
    }

    public static byte[] Ascii(string s) => Encoding.ASCII.GetBytes(s.Replace("\r\n", "\n").Replace("\n", "\r\n"));

    public static MimeMessage Simple(string subject, string body = "Hello Bob,\nsee you soon.\n", string? messageId = "abc123@a.test")
    {
        var m = new MimeMessage();
        m.From.Add(new MailboxAddress("Alice Example", "alice@a.test"));
        m.To.Add(new MailboxAddress("Bob", "bob@b.test"));
        m.Cc.Add(MailboxAddress.Parse("carol@c.test"));
        m.Subject = subject;
        m.Date = new DateTimeOffset(2026, 11, 22, 10, 0, 0, TimeSpan.FromHours(1));
        if (messageId != null) m.MessageId = messageId;
        m.Body = new TextPart("plain") { Text = body };
        return m;
    }

    public static MimeMessage WithAttachments(string subject, params (string Name, byte[] Content, string Type)[] attachments)
    {
        var m = Simple(subject);
        var builder = new BodyBuilder { TextBody = "See attached.\n" };
        foreach (var (name, content, type) in attachments) builder.Attachments.Add(name, content, ContentType.Parse(type));
        m.Body = builder.ToMessageBody();
        return m;
    }

    /// <summary>BodyBuilder strips directories from names; this sets the Content-Disposition filename verbatim.</summary>
    public static MimeMessage WithHostileAttachmentName(string subject, string fileName, byte[] content)
    {
        var m = Simple(subject);
        var part = new MimePart("application", "octet-stream")
        {
            Content = new MimeContent(new MemoryStream(content)),
            ContentDisposition = new ContentDisposition(ContentDisposition.Attachment) { FileName = fileName },
            ContentTransferEncoding = ContentEncoding.Base64,
        };
        m.Body = new Multipart("mixed") { new TextPart("plain") { Text = "see attached\n" }, part };
        return m;
    }
}
