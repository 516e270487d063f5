using System.Text;
using MailSniffer.Core.Text;

namespace MailSniffer.Analysis.Views.Timeline;

/// <summary>
/// Makes wire strings inert inside diagram source: control characters made visible first (SafeText), then each
/// language's syntax characters neutralised, so a hostile subject cannot end a line, open a comment, inject markup or
/// (PlantUML) reach the preprocessor.
/// </summary>
internal static class DiagramLabel
{
    private const int MaxLength = 160;

    /// <summary>Mermaid: entity codes (#NN;) for the characters its parser gives meaning to.</summary>
    public static string Mermaid(string? text)
    {
        var safe = Trim(SafeText.ForTerminal(text));
        var sb = new StringBuilder(safe.Length + 16);
        foreach (char c in safe)
        {
            sb.Append(c switch
            {
                '#' => "#35;",
                ';' => "#59;",
                ':' => "#58;",
                '<' => "#60;",
                '>' => "#62;",
                '%' => "#37;",
                '"' => "#34;",
                '{' => "#123;",
                '}' => "#125;",
                _ => c.ToString(),
            });
        }
        return sb.ToString();
    }

    /// <summary>PlantUML: no markup tags, no creole doubles, no preprocessor %, no backslash escapes, no closing quote.</summary>
    public static string PlantUml(string? text)
    {
        var safe = Trim(SafeText.ForTerminal(text));
        var sb = new StringBuilder(safe.Length + 16);
        char previous = '\0';
        for (int i = 0; i < safe.Length; i++)
        {
            char c = safe[i];
            // Creole markup needs a doubled character (**bold**, //italic//, --strike--, __under__, ~~wave~~, ""mono"").
            if (c == previous && c is '*' or '/' or '-' or '_' or '~') sb.Append('\u200B');
            sb.Append(c switch
            {
                '<' => '\u2039',
                '>' => '\u203A',
                // PlantUML ends a quoted name at typographic quotes too (checked with plantuml -syntax), so all become a double prime.
                '"' or '\u201C' or '\u201D' or '\u201E' or '\u201F' => '\u2033',
                '\\' => '\u29F5',
                '%' => '\uFF05',
                _ => c,
            });
            // "@enduml" anywhere in a line upsets PlantUML; an e-mail address keeps its plain @.
            if (c == '@' && (Follows(safe, i + 1, "end") || Follows(safe, i + 1, "start"))) sb.Append('\u200B');
            previous = c;
        }
        return sb.ToString();
    }

    private static bool Follows(string s, int at, string word) =>
        at + word.Length <= s.Length && string.Compare(s, at, word, 0, word.Length, StringComparison.OrdinalIgnoreCase) == 0;

    private static string Trim(string s) => s.Length <= MaxLength ? s : s[..(MaxLength - 1)] + "…";
}
