namespace MailSniffer.Decoders.Imap;

/// <summary>What IMAP lines look like, for resynchronising after a gap and for protocol detection.</summary>
public static class ImapSyntax
{
    private static readonly HashSet<string> Commands = new(StringComparer.OrdinalIgnoreCase)
    {
        "CAPABILITY", "NOOP", "LOGOUT", "STARTTLS", "AUTHENTICATE", "LOGIN", "SELECT", "EXAMINE", "CREATE", "DELETE",
        "RENAME", "SUBSCRIBE", "UNSUBSCRIBE", "LIST", "LSUB", "STATUS", "APPEND", "CHECK", "CLOSE", "EXPUNGE", "SEARCH",
        "FETCH", "STORE", "COPY", "MOVE", "UID", "IDLE", "ENABLE", "ID", "NAMESPACE", "COMPRESS", "GETQUOTA",
        "GETQUOTAROOT", "SETQUOTA", "GETACL", "SETACL", "MYRIGHTS", "LISTRIGHTS", "UNSELECT", "XLIST", "GETMETADATA",
        "SETMETADATA", "SORT", "THREAD", "ESEARCH", "NOTIFY",
    };

    private static readonly HashSet<string> UntaggedKeywords = new(StringComparer.OrdinalIgnoreCase)
    {
        "OK", "NO", "BAD", "BYE", "PREAUTH", "CAPABILITY", "LIST", "LSUB", "STATUS", "SEARCH", "ESEARCH", "FLAGS",
        "NAMESPACE", "ENABLED", "ID", "QUOTA", "QUOTAROOT", "ACL", "MYRIGHTS", "METADATA", "SORT", "THREAD", "XLIST",
    };

    public static bool IsCommand(string word) => Commands.Contains(word);

    /// <summary>A tag: one or more ASTRING-CHARs other than "+" (RFC 9051 "tag").</summary>
    public static bool IsTag(ReadOnlySpan<byte> s)
    {
        if (s.IsEmpty || s.Length > 64) return false;
        foreach (byte b in s)
            if (b <= 0x20 || b >= 0x7f || b == '(' || b == ')' || b == '{' || b == '"' || b == '\\' || b == '%' || b == '*' || b == '+') return false;
        return true;
    }

    /// <summary>"tag COMMAND ..." with a known command.</summary>
    public static bool LooksLikeCommand(ReadOnlySpan<byte> line)
    {
        int sp = line.IndexOf((byte)' ');
        if (sp <= 0 || !IsTag(line[..sp])) return false;
        var rest = line[(sp + 1)..];
        int end = rest.IndexOfAny((byte)' ', (byte)'\r');
        var word = end < 0 ? rest : rest[..end];
        return word.Length is > 0 and < 20 && IsAscii(word) && IsCommand(System.Text.Encoding.ASCII.GetString(word));
    }

    /// <summary>"* ..." untagged with a plausible keyword, "+ ...", or "tag OK/NO/BAD/BYE ...".</summary>
    public static bool LooksLikeResponse(ReadOnlySpan<byte> line)
    {
        if (line.Length >= 1 && line[0] == '+' && (line.Length == 1 || line[1] == ' ')) return true;
        int sp = line.IndexOf((byte)' ');
        if (sp <= 0) return false;
        var first = line[..sp];
        var rest = line[(sp + 1)..];
        int end = rest.IndexOf((byte)' ');
        var word = end < 0 ? rest : rest[..end];
        if (word.Length is 0 or > 20 || !IsAscii(word)) return false;
        string w = System.Text.Encoding.ASCII.GetString(word);
        if (first.Length == 1 && first[0] == '*')
        {
            if (UntaggedKeywords.Contains(w)) return true;
            // "* 3 EXISTS", "* 12 FETCH (": a number then a keyword.
            if (!IsDigits(word) || end < 0) return false;
            var after = rest[(end + 1)..];
            int e2 = after.IndexOf((byte)' ');
            var kw = e2 < 0 ? after : after[..e2];
            return kw.Length is > 0 and < 20 && IsAscii(kw) && IsUpperAlpha(kw);
        }
        return IsTag(first) && w.ToUpperInvariant() is "OK" or "NO" or "BAD" or "BYE";
    }

    private static bool IsAscii(ReadOnlySpan<byte> s)
    {
        foreach (byte b in s) if (b is < 0x21 or > 0x7e) return false;
        return true;
    }

    private static bool IsDigits(ReadOnlySpan<byte> s)
    {
        foreach (byte b in s) if (b is < (byte)'0' or > (byte)'9') return false;
        return true;
    }

    private static bool IsUpperAlpha(ReadOnlySpan<byte> s)
    {
        foreach (byte b in s) if (!(b is >= (byte)'A' and <= (byte)'Z' || b is >= (byte)'a' and <= (byte)'z')) return false;
        return true;
    }
}
