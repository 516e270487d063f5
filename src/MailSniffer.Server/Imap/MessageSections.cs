using System.Text;

namespace MailSniffer.Server.Imap;

/// <summary>The byte ranges FETCH BODY[section] can name, cut from the raw message without re-encoding it.</summary>
public static class MessageSections
{
    public static int HeaderLength(byte[] message)
    {
        var end = message.AsSpan().IndexOf("\r\n\r\n"u8);
        if (end >= 0) return end + 4;
        var lf = message.AsSpan().IndexOf("\n\n"u8);
        return lf >= 0 ? lf + 2 : message.Length;
    }

    public static byte[] Header(byte[] message) => message[..HeaderLength(message)];

    public static byte[] Text(byte[] message) => message[HeaderLength(message)..];

    /// <summary>HEADER.FIELDS (names) or, with <paramref name="exclude"/>, HEADER.FIELDS.NOT.</summary>
    public static byte[] HeaderFields(byte[] message, IReadOnlyCollection<string> names, bool exclude)
    {
        var header = Encoding.UTF8.GetString(Header(message));
        var output = new StringBuilder();
        var include = false;
        foreach (var rawLine in header.Split("\n"))
        {
            var line = rawLine.TrimEnd('\r');
            if (line.Length == 0) continue;
            if (line[0] is not (' ' or '\t'))
            {
                var colon = line.IndexOf(':');
                var name = colon > 0 ? line[..colon].Trim() : "";
                include = names.Contains(name, StringComparer.OrdinalIgnoreCase) != exclude;
            }
            if (include) output.Append(line).Append("\r\n");
        }
        output.Append("\r\n");
        return Encoding.UTF8.GetBytes(output.ToString());
    }
}
