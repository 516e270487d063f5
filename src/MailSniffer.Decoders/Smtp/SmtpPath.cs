namespace MailSniffer.Decoders.Smtp;

/// <summary>Extracts the address from "FROM:&lt;a@b&gt; SIZE=10" / "TO: &lt;x@y&gt;" (UTF-8 addresses kept as they are).</summary>
internal static class SmtpPath
{
    /// <summary>RFC 5321 limits a path to 256 octets; longer ones are hostile and cut here so that envelopes stay small.</summary>
    public const int MaxLength = 1024;

    public static string? Extract(string arg, string keyword)
    {
        var s = arg.AsSpan().TrimStart();
        if (!s.StartsWith(keyword, StringComparison.OrdinalIgnoreCase)) return null;
        s = s[keyword.Length..].TrimStart();
        if (s.Length > 0 && s[0] == '<')
        {
            int close = s.IndexOf('>');
            return Cap(close < 0 ? s[1..] : s[1..close]);
        }
        int sp = s.IndexOf(' ');
        return Cap(sp < 0 ? s : s[..sp]);
    }

    private static string Cap(ReadOnlySpan<char> path) => (path.Length > MaxLength ? path[..MaxLength] : path).ToString();
}
