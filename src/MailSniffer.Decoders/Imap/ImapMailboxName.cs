using System.Text;

namespace MailSniffer.Decoders.Imap;

/// <summary>
/// Mailbox names travel in modified UTF-7 (RFC 3501 5.1.3): "&amp;AOk-t&amp;AOk-" is "été", "&amp;-" is "&amp;". We report the
/// decoded name; a malformed shift sequence is left as it was on the wire rather than guessed at.
/// </summary>
public static class ImapMailboxName
{
    public static string Decode(string wire)
    {
        if (!wire.Contains('&')) return wire;
        var sb = new StringBuilder(wire.Length);
        int i = 0;
        while (i < wire.Length)
        {
            char c = wire[i];
            if (c != '&') { sb.Append(c); i++; continue; }
            int end = wire.IndexOf('-', i + 1);
            if (end < 0) return wire;
            if (end == i + 1) { sb.Append('&'); i = end + 1; continue; }
            string b64 = wire[(i + 1)..end].Replace(',', '/');
            b64 = b64.PadRight(b64.Length + (4 - b64.Length % 4) % 4, '=');
            var bytes = new byte[b64.Length];
            if (!Convert.TryFromBase64String(b64, bytes, out int n) || n % 2 != 0) return wire;
            sb.Append(Encoding.BigEndianUnicode.GetString(bytes, 0, n));
            i = end + 1;
        }
        return sb.ToString();
    }
}
