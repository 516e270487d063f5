using MimeKit;
using MimeKit.Utils;

namespace MailSniffer.Server.Imap;

/// <summary>RFC 3501 ENVELOPE from the message's header, via MimeKit's header and address parsers.</summary>
public static class EnvelopeBuilder
{
    public static void Write(ImapWriter w, byte[] message)
    {
        HeaderList headers;
        try
        {
            headers = HeaderList.Load(new MemoryStream(MessageSections.Header(message)));
        }
        catch (FormatException)
        {
            headers = [];
        }
        string? Raw(HeaderId id)
        {
            var h = headers.FirstOrDefault(x => x.Id == id);
            return h is null ? null : Unfold(System.Text.Encoding.UTF8.GetString(h.RawValue));
        }
        w.Raw("(");
        w.NString(Raw(HeaderId.Date)).Raw(" ");
        w.NString(Raw(HeaderId.Subject)).Raw(" ");
        var from = Addresses(headers, HeaderId.From);
        WriteAddresses(w, from);
        w.Raw(" ");
        WriteAddresses(w, Addresses(headers, HeaderId.Sender) ?? from);
        w.Raw(" ");
        WriteAddresses(w, Addresses(headers, HeaderId.ReplyTo) ?? from);
        w.Raw(" ");
        WriteAddresses(w, Addresses(headers, HeaderId.To));
        w.Raw(" ");
        WriteAddresses(w, Addresses(headers, HeaderId.Cc));
        w.Raw(" ");
        WriteAddresses(w, Addresses(headers, HeaderId.Bcc));
        w.Raw(" ");
        w.NString(Raw(HeaderId.InReplyTo)).Raw(" ");
        w.NString(Raw(HeaderId.MessageId));
        w.Raw(")");
    }

    private static string Unfold(string value) => value.Replace("\r\n", "").Replace("\n", "").Trim();

    private static List<MailboxAddress>? Addresses(HeaderList headers, HeaderId id)
    {
        var h = headers.FirstOrDefault(x => x.Id == id);
        if (h is null) return null;
        if (!InternetAddressList.TryParse(ParserOptions.Default, h.RawValue, out var list)) return null;
        var mailboxes = list.Mailboxes.ToList();
        return mailboxes.Count == 0 ? null : mailboxes;
    }

    private static void WriteAddresses(ImapWriter w, List<MailboxAddress>? list)
    {
        if (list is null)
        {
            w.Raw("NIL");
            return;
        }
        w.Raw("(");
        foreach (var m in list)
        {
            var name = string.IsNullOrEmpty(m.Name) ? null : m.Name.All(c => c < 0x80) ? m.Name : System.Text.Encoding.ASCII.GetString(Rfc2047.EncodePhrase(System.Text.Encoding.UTF8, m.Name));
            var at = m.Address.LastIndexOf('@');
            w.Raw("(").NString(name).Raw(" NIL ").NString(at < 0 ? m.Address : m.Address[..at]).Raw(" ").NString(at < 0 ? null : m.Address[(at + 1)..]).Raw(")");
        }
        w.Raw(")");
    }
}
