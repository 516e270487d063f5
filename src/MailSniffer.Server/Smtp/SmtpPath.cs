namespace MailSniffer.Server.Smtp;

/// <summary>Parses "FROM:&lt;path&gt; params" and "TO:&lt;path&gt; params" leniently (space after the colon, no brackets).</summary>
public static class SmtpPath
{
    public static bool TryParse(string argument, string keyword, out string address, out Dictionary<string, string?> parameters)
    {
        address = "";
        parameters = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        if (!argument.StartsWith(keyword + ":", StringComparison.OrdinalIgnoreCase)) return false;
        var rest = argument[(keyword.Length + 1)..].TrimStart();
        string tail;
        if (rest.StartsWith('<'))
        {
            var close = rest.IndexOf('>');
            if (close < 0) return false;
            address = rest[1..close];
            tail = rest[(close + 1)..];
        }
        else
        {
            var space = rest.IndexOf(' ');
            address = space < 0 ? rest : rest[..space];
            tail = space < 0 ? "" : rest[space..];
        }
        // Source routes (@a,@b:user@host) are obsolete; keep the mailbox.
        var colon = address.LastIndexOf(':');
        if (address.StartsWith('@') && colon > 0) address = address[(colon + 1)..];
        if (address.Any(c => c is ' ' or '<' or '>' or '\t' || char.IsControl(c))) return false;
        foreach (var p in tail.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = p.IndexOf('=');
            parameters[eq < 0 ? p : p[..eq]] = eq < 0 ? null : p[(eq + 1)..];
        }
        return true;
    }

    public static bool IsMailbox(string address)
    {
        var at = address.LastIndexOf('@');
        return at > 0 && at < address.Length - 1;
    }

    public static string DomainOf(string address) => address[(address.LastIndexOf('@') + 1)..];
}
