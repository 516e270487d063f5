using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using MailSniffer.Server.Net;

namespace MailSniffer.Server.Imap;

/// <summary>
/// Reads one whole command: its first line, then for each trailing {n} (or LITERAL+ {n+}) the n literal
/// bytes and the line that continues it. Sizes are bounded: lines by the IMAP line limit, literals by the
/// message size limit.
/// </summary>
public sealed partial class ImapCommandReader(LineConnection connection, int maxLineBytes, int maxLiteralBytes)
{
    [GeneratedRegex(@"\{(\d{1,10})(\+?)\}$")]
    private static partial Regex LiteralMarker();

    /// <summary>
    /// The command bytes, or null when the client closed; a result with Error set cannot be run, and when
    /// Fatal is also set the connection is out of step and must be closed.
    /// </summary>
    public async Task<(byte[]? Command, string? Error, bool Fatal)> ReadAsync()
    {
        var command = new MemoryStream();
        var total = 0L;
        while (true)
        {
            var line = await connection.ReadLineAsync(maxLineBytes);
            if (line.Status == LineStatus.Closed) return (null, null, false);
            if (line.Status == LineStatus.TooLong) return ([], "line too long", false);
            command.Write(line.Bytes);
            command.Write("\r\n"u8);
            var match = LiteralMarker().Match(Encoding.ASCII.GetString(line.Bytes, Math.Max(0, line.Bytes.Length - 14), Math.Min(14, line.Bytes.Length)));
            if (!match.Success) return (command.ToArray(), null, false);
            var size = long.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
            var synchronizing = match.Groups[2].Value.Length == 0;
            total += size;
            if (total > maxLiteralBytes)
            {
                // A non-synchronizing literal is already on its way; draining it could take gigabytes, so give up (RFC 7888 4).
                if (!synchronizing) return ([], "[TOOBIG] literal too large", true);
                // Refusing before "+" means the client abandons the command and sends nothing more of it.
                return (command.ToArray(), "[TOOBIG] literal too large", false);
            }
            if (synchronizing) await connection.WriteLineAsync("+ Ready for literal data");
            if (!await connection.ReadExactAsync(size, command)) return (null, null, false);
        }
    }
}
