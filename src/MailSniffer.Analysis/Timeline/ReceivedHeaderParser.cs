using System.Net;
using System.Text;
using MimeKit.Utils;

namespace MailSniffer.Analysis.Timeline;

/// <summary>
/// Reads Received header values as MTAs actually write them (Postfix, Exim, sendmail, Dovecot LMTP, ours): clauses in
/// any order, comments nested, IPv6 literals with or without "IPv6:", "helo=" inside comments. Never throws.
/// </summary>
public static class ReceivedHeaderParser
{
    /// <summary>Characters of a header value read; real Received headers are a few hundred, a hostile one may be megabytes.</summary>
    public const int MaxLength = 1024;
    private static readonly string[] Keywords = ["from", "by", "via", "with", "id", "for"];

    public static ReceivedHeader Parse(int position, string value)
    {
        string text = Unfold(value.Length > MaxLength ? value[..MaxLength] : value);
        DateTimeOffset? date = null;
        int semicolon = LastTopLevelSemicolon(text);
        string clauses = text;
        if (semicolon >= 0)
        {
            if (DateUtils.TryParse(text[(semicolon + 1)..].Trim(), out var d)) date = d;
            clauses = text[..semicolon];
        }

        var words = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var comments = new Dictionary<string, List<string>>(StringComparer.OrdinalIgnoreCase);
        string? current = null;
        foreach (var token in Tokenize(clauses))
        {
            if (token.IsComment)
            {
                if (current != null)
                {
                    if (!comments.TryGetValue(current, out var list)) comments[current] = list = new List<string>();
                    if (list.Count < 8) list.Add(token.Text);
                }
                continue;
            }
            if (Keywords.Contains(token.Text, StringComparer.OrdinalIgnoreCase) && !words.ContainsKey(token.Text))
            {
                current = token.Text.ToLowerInvariant();
                continue;
            }
            if (current != null && !words.ContainsKey(current)) words[current] = token.Text;
        }

        var fromComments = comments.GetValueOrDefault("from") ?? new List<string>();
        string? fromWord = words.GetValueOrDefault("from");
        IPAddress? address = AddressIn(fromWord);
        int? port = address != null ? PortIn(fromWord) : null;
        string? rdns = null;
        string? helo = null;
        foreach (var c in fromComments)
        {
            if (address == null && AddressIn(c) is { } inComment)
            {
                address = inComment;
                port = PortIn(c);
            }
            foreach (var part in c.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries))
            {
                if (part.StartsWith("helo=", StringComparison.OrdinalIgnoreCase)) helo ??= part[5..].Trim('[', ']', ')');
                else if (rdns == null && !part.StartsWith('[') && part.Contains('.') && AddressIn(part) == null && !part.Contains('=')
                         && !part.Contains('@')) rdns = part;
            }
        }
        if (fromWord != null && fromWord.StartsWith('[') && helo == null) fromWord = null;

        string? authenticated = null;
        foreach (var list in comments.Values)
            foreach (var c in list)
                authenticated ??= AuthenticatedUser(c);

        return new ReceivedHeader(position, text)
        {
            FromName = helo ?? fromWord,
            FromAddress = address,
            FromPort = port,
            FromRdns = rdns,
            ByName = words.GetValueOrDefault("by"),
            With = words.GetValueOrDefault("with"),
            Id = QueueId(words.GetValueOrDefault("id")),
            For = words.GetValueOrDefault("for")?.Trim('<', '>', ';'),
            AuthenticatedAs = authenticated,
            Date = date,
        };
    }

    /// <summary>Exchange writes its version where others write a queue id ("with Microsoft SMTP Server id 15.1.2507.6").</summary>
    private static string? QueueId(string? id)
    {
        id = id?.TrimEnd(';', ',');
        if (string.IsNullOrEmpty(id)) return null;
        int dots = id.Count(c => c == '.');
        return dots >= 2 && id.All(c => char.IsAsciiDigit(c) || c == '.') ? null : id;
    }

    private static string? AuthenticatedUser(string comment)
    {
        foreach (var marker in new[] { "authenticated as ", "Authenticated sender: ", "authenticated sender: " })
        {
            int i = comment.IndexOf(marker, StringComparison.OrdinalIgnoreCase);
            if (i < 0) continue;
            var rest = comment[(i + marker.Length)..].Trim();
            int end = rest.IndexOfAny([' ', ')', ';', ',']);
            return (end < 0 ? rest : rest[..end]).Trim('<', '>');
        }
        return null;
    }

    /// <summary>The first address literal in a token: [1.2.3.4], [IPv6:2001:db8::1], or a bare address.</summary>
    /// <summary>The port written right after the first bracketed address ("[192.0.2.1]:45199"), if any.</summary>
    internal static int? PortIn(string? s)
    {
        if (string.IsNullOrEmpty(s)) return null;
        int close = s.IndexOf(']');
        if (close < 0 || close + 1 >= s.Length || s[close + 1] != ':') return null;
        int start = close + 2, end = start;
        while (end < s.Length && end - start < 5 && char.IsAsciiDigit(s[end])) end++;
        return end > start && int.TryParse(s.AsSpan(start, end - start), out int port) && port is > 0 and <= 65535 ? port : null;
    }

    internal static IPAddress? AddressIn(string? s)
    {
        if (string.IsNullOrEmpty(s)) return null;
        int open = s.IndexOf('[');
        while (open >= 0)
        {
            int close = s.IndexOf(']', open + 1);
            if (close < 0) break;
            var inner = s[(open + 1)..close];
            if (inner.StartsWith("IPv6:", StringComparison.OrdinalIgnoreCase)) inner = inner[5..];
            if (IPAddress.TryParse(inner, out var a)) return a;
            open = s.IndexOf('[', close + 1);
        }
        var bare = s.Trim('(', ')', ' ');
        // A bare word is an address only if it has the shape of one: IPAddress.TryParse accepts "12" as 0.0.0.12.
        return (bare.Count(c => c == '.') == 3 || bare.Contains(':')) && IPAddress.TryParse(bare, out var b) ? b : null;
    }

    private static string Unfold(string value)
    {
        var sb = new StringBuilder(value.Length);
        bool space = false;
        foreach (char c in value)
        {
            if (c is '\r' or '\n' or '\t' or ' ')
            {
                space = sb.Length > 0;
                continue;
            }
            if (space) { sb.Append(' '); space = false; }
            sb.Append(c);
        }
        return sb.ToString();
    }

    private static int LastTopLevelSemicolon(string s)
    {
        int depth = 0, last = -1;
        for (int i = 0; i < s.Length; i++)
        {
            if (s[i] == '(') depth++;
            else if (s[i] == ')' && depth > 0) depth--;
            else if (s[i] == ';' && depth == 0) last = i;
        }
        return last;
    }

    private readonly record struct Token(string Text, bool IsComment);

    private static IEnumerable<Token> Tokenize(string s)
    {
        int i = 0;
        while (i < s.Length)
        {
            if (s[i] == ' ') { i++; continue; }
            if (s[i] == '(')
            {
                int depth = 0, start = i;
                for (; i < s.Length; i++)
                {
                    if (s[i] == '(') depth++;
                    else if (s[i] == ')' && --depth == 0) { i++; break; }
                }
                yield return new Token(s[(start + 1)..Math.Max(start + 1, i - 1)], true);
                continue;
            }
            int begin = i;
            while (i < s.Length && s[i] != ' ' && s[i] != '(') i++;
            yield return new Token(s[begin..i], false);
        }
    }
}
