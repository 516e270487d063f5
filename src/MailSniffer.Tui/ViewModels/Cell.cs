using System.Text;
using MailSniffer.Core.Text;
using Terminal.Gui.Text;

namespace MailSniffer.Tui.ViewModels;

/// <summary>Fixed-width table cells; every string from the wire passes through <see cref="SafeText.ForTerminal(string?)"/>.</summary>
public static class Cell
{
    /// <summary>Exactly <paramref name="width"/> terminal columns: wide characters (CJK, emoji) count two.</summary>
    public static string Fit(string? s, int width)
    {
        var safe = SafeText.ForTerminal(s ?? "");
        var sb = new StringBuilder(width + 2);
        int used = 0;
        foreach (var rune in safe.EnumerateRunes())
        {
            int w = Math.Max(0, rune.GetColumns());
            if (used + w > width - 1 && Columns(safe) > width) { sb.Append('…'); used++; break; }
            sb.Append(rune.ToString());
            used += w;
        }
        return sb.Append(' ', Math.Max(0, width - used)).ToString();
    }

    public static int Columns(string s)
    {
        int n = 0;
        foreach (var rune in s.EnumerateRunes()) n += Math.Max(0, rune.GetColumns());
        return n;
    }

    public static string Safe(string? s) => SafeText.ForTerminal(s ?? "");

    public static string Size(long bytes) => bytes switch
    {
        < 1024 => $"{bytes}B",
        < 1024 * 1024 => $"{bytes / 1024.0:0.#}K",
        _ => $"{bytes / (1024.0 * 1024):0.#}M",
    };

    public static string Host(string endpoint)
    {
        // "ip:port" and "[v6]:port": the host part is what people filter on.
        int colon = endpoint.LastIndexOf(':');
        return colon > 0 ? endpoint[..colon].Trim('[', ']') : endpoint;
    }
}
