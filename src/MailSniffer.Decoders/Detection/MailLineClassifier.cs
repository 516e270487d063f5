using System.Text;
using MailSniffer.Decoders.Imap;

namespace MailSniffer.Decoders.Detection;

/// <summary>
/// Classifies single lines of SMTP, POP3 and IMAP, from either side, including lines from the middle of a session
/// (a connection picked up after its greeting). Verbs that two protocols share are reported as ambiguous.
/// </summary>
internal static class MailLineClassifier
{
    private static readonly HashSet<string> SmtpOnlyVerbs = new(StringComparer.OrdinalIgnoreCase)
        { "EHLO", "HELO", "LHLO", "MAIL", "RCPT", "DATA", "BDAT", "VRFY", "EXPN", "STARTTLS", "ETRN", "TURN" };
    private static readonly HashSet<string> Pop3OnlyVerbs = new(StringComparer.OrdinalIgnoreCase)
        { "USER", "PASS", "APOP", "STAT", "LIST", "RETR", "DELE", "UIDL", "TOP", "CAPA", "STLS", "UTF8" };
    private static readonly HashSet<string> SharedVerbs = new(StringComparer.OrdinalIgnoreCase)
        { "AUTH", "QUIT", "NOOP", "RSET", "HELP" };

    public static LineEvidence Server(ReadOnlySpan<byte> line)
    {
        if (line.Length >= 3 && IsDigit(line[0]) && IsDigit(line[1]) && IsDigit(line[2]) && (line.Length == 3 || line[3] is (byte)' ' or (byte)'-'))
            return new LineEvidence("smtp", null, $"server reply \"{Show(line)}\"");
        if (StartsWithWord(line, "+OK") || StartsWithWord(line, "-ERR"))
            return new LineEvidence("pop3", null, $"server status \"{Show(line)}\"");
        if (line.Length >= 1 && line[0] == '+' && (line.Length == 1 || line[1] == ' '))
            return new LineEvidence(null, ["imap", "pop3"], $"continuation \"{Show(line)}\"");
        if (ImapSyntax.LooksLikeResponse(line))
            return new LineEvidence("imap", null, $"server response \"{Show(line)}\"");
        return LineEvidence.None;
    }

    public static LineEvidence Client(ReadOnlySpan<byte> line)
    {
        string first = FirstWord(line);
        if (first.Length == 0) return LineEvidence.None;
        bool firstIsVerb = SmtpOnlyVerbs.Contains(first) || Pop3OnlyVerbs.Contains(first) || SharedVerbs.Contains(first);
        if (!firstIsVerb && ImapSyntax.LooksLikeCommand(line))
            return new LineEvidence("imap", null, $"client command \"{Show(line)}\"");
        if (SmtpOnlyVerbs.Contains(first) && SmtpShape(first, line))
            return new LineEvidence("smtp", null, $"client command \"{Show(line)}\"");
        if (Pop3OnlyVerbs.Contains(first) && Pop3Shape(first, line))
            return new LineEvidence("pop3", null, $"client command \"{Show(line)}\"");
        if (SharedVerbs.Contains(first))
            return new LineEvidence(null, ["smtp", "pop3"], $"client command \"{Show(line)}\"");
        return LineEvidence.None;
    }

    /// <summary>MAIL and RCPT must carry FROM:/TO:, so a message body line starting "Mail" is not mistaken for one.</summary>
    private static bool SmtpShape(string verb, ReadOnlySpan<byte> line)
    {
        string text = Encoding.ASCII.GetString(line[..Math.Min(line.Length, 16)]).ToUpperInvariant();
        return verb.ToUpperInvariant() switch
        {
            "MAIL" => text.StartsWith("MAIL FROM:", StringComparison.Ordinal),
            "RCPT" => text.StartsWith("RCPT TO:", StringComparison.Ordinal),
            "DATA" or "STARTTLS" => text.TrimEnd('\r').Length == verb.Length,
            _ => true,
        };
    }

    /// <summary>POP3 arguments are message numbers or nothing, except for USER/PASS/APOP.</summary>
    private static bool Pop3Shape(string verb, ReadOnlySpan<byte> line)
    {
        var args = Encoding.ASCII.GetString(line[Math.Min(line.Length, verb.Length)..]).Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        bool numbers = args.All(a => a.All(char.IsAsciiDigit));
        return verb.ToUpperInvariant() switch
        {
            "STAT" or "CAPA" or "STLS" or "UTF8" => args.Length == 0,
            "LIST" or "UIDL" => args.Length <= 1 && numbers,
            "RETR" or "DELE" => args.Length == 1 && numbers,
            "TOP" => args.Length == 2 && numbers,
            _ => args.Length >= 1,
        };
    }

    private static string FirstWord(ReadOnlySpan<byte> line)
    {
        int end = line.IndexOfAny((byte)' ', (byte)'\r');
        var w = end < 0 ? line : line[..end];
        if (w.Length is 0 or > 16) return "";
        foreach (byte b in w) if (b is < 0x21 or > 0x7e) return "";
        return Encoding.ASCII.GetString(w);
    }

    private static bool StartsWithWord(ReadOnlySpan<byte> line, string word)
    {
        if (line.Length < word.Length) return false;
        for (int i = 0; i < word.Length; i++)
            if (char.ToUpperInvariant((char)line[i]) != word[i]) return false;
        return line.Length == word.Length || line[word.Length] is (byte)' ' or (byte)'\r';
    }

    private static bool IsDigit(byte b) => b is >= (byte)'0' and <= (byte)'9';

    private static string Show(ReadOnlySpan<byte> line)
    {
        var s = Encoding.UTF8.GetString(line[..Math.Min(line.Length, 24)]).TrimEnd('\r');
        return line.Length > 24 ? s + "..." : s;
    }
}
