using System.Text;
using MimeKit;

namespace MailSniffer.Analysis.Tests.Timeline;

/// <summary>Real messages composed with MimeKit, and the headers servers add on the way.</summary>
internal static class TestMail
{
    public static byte[] Compose(string from, string to, string subject, string body, string? messageId, string? attachmentName = null)
    {
        var m = new MimeMessage();
        m.From.Add(MailboxAddress.Parse(from));
        m.To.Add(MailboxAddress.Parse(to));
        m.Subject = subject;
        m.Date = new DateTimeOffset(2026, 11, 22, 9, 59, 0, TimeSpan.Zero);
        if (messageId != null) m.MessageId = messageId;
        else m.Headers.Remove(HeaderId.MessageId);
        var builder = new BodyBuilder { TextBody = body };
        if (attachmentName != null) builder.Attachments.Add(attachmentName, Encoding.ASCII.GetBytes("attachment bytes"), new ContentType("application", "pdf"));
        m.Body = builder.ToMessageBody();
        using var ms = new MemoryStream();
        var options = FormatOptions.Default.Clone();
        options.NewLineFormat = NewLineFormat.Dos;
        m.WriteTo(options, ms);
        return ms.ToArray();
    }

    /// <summary>What a server stores: its trace headers on top of the bytes it received.</summary>
    public static byte[] Prepend(byte[] message, params string[] headers)
    {
        var top = string.Concat(headers.Select(h => h.TrimEnd('\r', '\n') + "\r\n"));
        return Encoding.UTF8.GetBytes(top).Concat(message).ToArray();
    }

    /// <summary>The header our reference server adds (src/MailSniffer.Server SmtpSession.ReceivedHeader).</summary>
    public static string OurReceived(string helo, string ip, string by, string id, string rcpt, string? user = null, bool tls = false, int? port = null) =>
        $"Received: from {helo} ([{ip}]{(port != null ? $":{port}" : "")}){(user != null ? $" (authenticated as {user})" : "")}\r\n\tby {by} (MailSniffer) with ESMTP{(tls ? "S" : "")}{(user != null ? "A" : "")} id {id}\r\n\tfor <{rcpt}>;\r\n\tSun, 22 Nov 2026 10:00:01 +0000";

    public static byte[] ToLf(byte[] crlf) => Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(crlf).Replace("\r\n", "\n"));
}
