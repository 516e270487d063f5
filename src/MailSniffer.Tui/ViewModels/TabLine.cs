namespace MailSniffer.Tui.ViewModels;

/// <summary>
/// The tab line: "[n Title]" for the view on screen, " n Title " for the others. When that is wider than an 80-column
/// window allows, the others get single spaces and short names, so every tab stays visible at 80x24.
/// </summary>
public static class TabLine
{
    public const int Width = 78;
    private static readonly Dictionary<string, string> Short = new() { ["Conversations"] = "Convs", ["Credentials"] = "Creds" };

    public static string Of(IReadOnlyList<IListViewModel> views, IListViewModel current)
    {
        string wide = string.Concat(views.Select((v, i) => v == current ? $"[{i + 1} {v.Title}]" : $" {i + 1} {v.Title} "));
        if (wide.Length <= Width) return wide;
        string compact = string.Join(' ', views.Select((v, i) => v == current ? $"[{i + 1} {v.Title}]" : $"{i + 1} {Short.GetValueOrDefault(v.Title, v.Title)}"));
        return views[0] == current ? compact : " " + compact;
    }
}
