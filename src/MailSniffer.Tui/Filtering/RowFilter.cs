namespace MailSniffer.Tui.Filtering;

/// <summary>
/// The filter line's language: space-separated terms, all of which must match (case-insensitive).
/// <c>proto:smtp</c>, <c>host:10.0.0.5</c>, <c>user:bob</c>, <c>addr:alice@example.org</c>; any other word is searched
/// in the row's text. Unknown <c>key:</c> prefixes are treated as text, so nothing typed is ever an error.
/// </summary>
public sealed class RowFilter
{
    private readonly List<(string Key, string Value)> _terms = new();

    private RowFilter(string text) => Text = text;

    public string Text { get; }
    public bool IsEmpty => _terms.Count == 0;

    public static readonly RowFilter None = new("");

    public static RowFilter Parse(string? text)
    {
        var filter = new RowFilter(text?.Trim() ?? "");
        foreach (var word in filter.Text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            int colon = word.IndexOf(':');
            string key = colon > 0 ? word[..colon].ToLowerInvariant() : "";
            if (key is "proto" or "host" or "user" or "addr" && colon < word.Length - 1)
                filter._terms.Add((key, word[(colon + 1)..]));
            else
                filter._terms.Add(("text", word));
        }
        return filter;
    }

    public bool Matches(FilterSubject s)
    {
        foreach (var (key, value) in _terms)
        {
            bool ok = key switch
            {
                "proto" => string.Equals(s.Protocol, value, StringComparison.OrdinalIgnoreCase),
                "host" => s.Hosts.Any(h => Contains(h, value)),
                "user" => Contains(s.User, value),
                "addr" => s.Addresses.Any(a => Contains(a, value)),
                _ => Contains(s.Text, value) || Contains(s.User, value) || s.Hosts.Any(h => Contains(h, value))
                     || s.Addresses.Any(a => Contains(a, value)),
            };
            if (!ok) return false;
        }
        return true;
    }

    private static bool Contains(string? haystack, string needle) =>
        haystack != null && haystack.Contains(needle, StringComparison.OrdinalIgnoreCase);
}
