using System.Text;

namespace MailSniffer.Decoders.Common;

/// <summary>Helpers for the text of command/reply lines: UTF-8 (SMTPUTF8 addresses), invalid bytes become U+FFFD.</summary>
public static class WireText
{
    public static string Decode(ReadOnlySpan<byte> line) => Encoding.UTF8.GetString(line);

    /// <summary>Splits "VERB rest" at the first space; the verb is upper-cased, the rest kept verbatim.</summary>
    public static (string Verb, string Arg) SplitVerb(string line)
    {
        int sp = line.IndexOf(' ');
        return sp < 0 ? (line.ToUpperInvariant(), "") : (line[..sp].ToUpperInvariant(), line[(sp + 1)..]);
    }

    /// <summary>A verb as clients send them: 1-20 ASCII letters, digits or hyphens (rejects binary garbage).</summary>
    public static bool IsPlausibleVerb(string verb)
    {
        if (verb.Length is 0 or > 20 || !char.IsAsciiLetter(verb[0])) return false;
        foreach (char c in verb)
            if (!char.IsAsciiLetterOrDigit(c) && c != '-' && c != '_') return false;
        return true;
    }
}
