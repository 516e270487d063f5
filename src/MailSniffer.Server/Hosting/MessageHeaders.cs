using System.Text;

namespace MailSniffer.Server.Hosting;

/// <summary>Reads a header field from raw message bytes without parsing the whole message (for logs and events only).</summary>
public static class MessageHeaders
{
    public static string? Find(ReadOnlySpan<byte> message, string name)
    {
        var text = Encoding.UTF8.GetString(message[..Math.Min(message.Length, 64 * 1024)]);
        var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        if (end >= 0) text = text[..end];
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            if (line.Length > name.Length && line[name.Length] == ':' && line.StartsWith(name, StringComparison.OrdinalIgnoreCase))
            {
                var value = new StringBuilder(line[(name.Length + 1)..]);
                while (i + 1 < lines.Length && lines[i + 1].Length > 0 && lines[i + 1][0] is ' ' or '\t')
                    value.Append(lines[++i].TrimEnd('\r'));
                return value.ToString().Trim();
            }
        }
        return null;
    }
}
