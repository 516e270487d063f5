using MailSniffer.Core.Text;

namespace MailSniffer.Tui.ViewModels;

/// <summary>Fixed-width table cells; every string from the wire passes through <see cref="SafeText.ForTerminal(string?)"/>.</summary>
public static class Cell
{
    public static string Fit(string? s, int width)
    {
        var safe = SafeText.ForTerminal(s ?? "");
        if (safe.Length > width) safe = width > 1 ? safe[..(width - 1)] + "…" : safe[..width];
        return safe.PadRight(width);
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
