using System.Text;
using MailSniffer.Server.Hosting;
using MailSniffer.Server.Storage;
using MimeKit;

namespace MailSniffer.Server.Tests;

internal static class MailboxSeeding
{
    // Mail on the wire uses CRLF; MimeKit writes the platform's newline unless told.
    private static readonly FormatOptions Crlf = new() { NewLineFormat = NewLineFormat.Dos };

    public static MimeMessage Sample(int i, string to = "bob@b.test")
    {
        var m = new MimeMessage();
        m.From.Add(new MailboxAddress(i % 2 == 0 ? "Alice Ünicode" : "Carol", i % 2 == 0 ? "alice@a.test" : "carol@c.test"));
        m.To.Add(MailboxAddress.Parse(to));
        m.Subject = $"message {i} " + (i % 2 == 0 ? "even" : "odd");
        m.MessageId = $"seed{i}@test";
        m.Body = new TextPart("plain") { Text = $"body of {i}\r\n.starts with dot\r\na1 OK looks like protocol\r\n" };
        return m;
    }

    public static async Task<List<MimeMessage>> SeedAsync(MailSystem system, int count, string domain = "b.test", string user = "bob")
    {
        var list = new List<MimeMessage>();
        for (var i = 0; i < count; i++)
        {
            var m = Sample(i);
            var bytes = new MemoryStream();
            await m.WriteToAsync(Crlf, bytes);
            await system.Host(domain).Store.AppendAsync(user, IMailStore.Inbox, bytes.ToArray(), MessageFlags.None, DateTimeOffset.UtcNow, CancellationToken.None);
            list.Add(m);
        }
        return list;
    }

    public static byte[] Bytes(MimeMessage m)
    {
        var s = new MemoryStream();
        m.WriteTo(Crlf, s);
        return s.ToArray();
    }

    public static string Text(byte[] b) => Encoding.UTF8.GetString(b);
}
