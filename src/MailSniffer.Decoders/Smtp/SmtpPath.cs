namespace MailSniffer.Decoders.Smtp;

/// <summary>Extracts the address from "FROM:&lt;a@b&gt; SIZE=10" / "TO: &lt;x@y&gt;" (UTF-8 addresses kept as they are).</summary>
internal static class SmtpPath
{
    public static string? Extract(string arg, string keyword)
    {
        var s = arg.AsSpan().TrimStart();
        if (!s.StartsWith(keyword, StringComparison.OrdinalIgnoreCase)) return null;
        s = s[keyword.Length..].TrimStart();
        if (s.Length > 0 && s[0] == '<')
        {
            int close = s.IndexOf('>');
            return (close < 0 ? s[1..] : s[1..close]).ToString();
        }
        int sp = s.IndexOf(' ');
        return (sp < 0 ? s : s[..sp]).ToString();
    }
}
