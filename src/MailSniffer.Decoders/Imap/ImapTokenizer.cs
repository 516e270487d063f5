using System.Text;

namespace MailSniffer.Decoders.Imap;

/// <summary>
/// Splits a logical IMAP line into atoms, quoted strings (unescaped), literals and parentheses (RFC 9051 section 4).
/// Section specs stay inside their atom: "BODY[HEADER.FIELDS (DATE FROM)]&lt;0&gt;" is one token, as servers send it.
/// Never throws; garbage becomes atoms. Bounded by <see cref="MaxTokens"/>.
/// </summary>
internal static class ImapTokenizer
{
    public const int MaxTokens = 20_000;

    public static List<ImapToken> Tokenize(ImapLine line) => Tokenize(line.Text, line.LiteralEnds);

    public static List<ImapToken> Tokenize(string text, IReadOnlyList<int> literalEnds)
    {
        var tokens = new List<ImapToken>();
        int i = 0;
        int nextLiteral = 0;
        while (i < text.Length && tokens.Count < MaxTokens)
        {
            char c = text[i];
            if (c == ' ' || c == '\t') { i++; continue; }
            if (c == '(') { tokens.Add(new ImapToken(ImapTokenKind.ListStart, "(", -1, i, i + 1)); i++; continue; }
            if (c == ')') { tokens.Add(new ImapToken(ImapTokenKind.ListEnd, ")", -1, i, i + 1)); i++; continue; }
            if (c == '"') { i = ReadQuoted(text, i, tokens); continue; }
            if (nextLiteral < literalEnds.Count && TryLiteralMarker(text, i, literalEnds[nextLiteral]))
            {
                tokens.Add(new ImapToken(ImapTokenKind.Literal, "", nextLiteral, i, literalEnds[nextLiteral]));
                i = literalEnds[nextLiteral];
                nextLiteral++;
                continue;
            }
            i = ReadAtom(text, i, tokens);
        }
        return tokens;
    }

    /// <summary>True when text[start..end) is "{n}", "{n+}" or "~{n}".</summary>
    private static bool TryLiteralMarker(string text, int start, int end)
    {
        if (end > text.Length || end - start < 3) return false;
        int p = start;
        if (text[p] == '~') p++;
        if (text[p] != '{' || text[end - 1] != '}') return false;
        for (int k = p + 1; k < end - 1; k++)
        {
            char d = text[k];
            if (!(char.IsAsciiDigit(d) || (d == '+' && k == end - 2))) return false;
        }
        return true;
    }

    private static int ReadQuoted(string text, int start, List<ImapToken> tokens)
    {
        var sb = new StringBuilder();
        int i = start + 1;
        while (i < text.Length)
        {
            char c = text[i];
            if (c == '\\' && i + 1 < text.Length) { sb.Append(text[i + 1]); i += 2; continue; }
            if (c == '"') { i++; break; }
            sb.Append(c);
            i++;
        }
        tokens.Add(new ImapToken(ImapTokenKind.Quoted, sb.ToString(), -1, start, i));
        return i;
    }

    private static int ReadAtom(string text, int start, List<ImapToken> tokens)
    {
        int i = start;
        int bracket = 0;
        while (i < text.Length)
        {
            char c = text[i];
            if (c == '[') bracket++;
            else if (c == ']' && bracket > 0) bracket--;
            else if (bracket == 0 && (c == ' ' || c == '(' || c == ')' || c == '"' || c == '\t')) break;
            i++;
        }
        if (i == start) i++;
        tokens.Add(new ImapToken(ImapTokenKind.Atom, text[start..i], -1, start, i));
        return i;
    }
}
