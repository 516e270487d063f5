using MailSniffer.Tui.Data;

namespace MailSniffer.Tui.ViewModels;

/// <summary>The status bar: packets, flows, messages, rate, drops, progress, and the active filter.</summary>
public static class StatusLine
{
    public static string For(CaptureProgress p, string filter)
    {
        string state = p.Error != null ? $"ERROR: {Cell.Safe(p.Error)}"
            : p.Paused ? "paused"
            : p.Finished ? "done"
            : p.Fraction is { } f ? $"reading {f * 100:0}%" : "live";
        return $"{state} | {p.Packets} pkts {p.Flows} flows {p.Messages} msgs | {p.PacketsPerSecond:0} pkt/s | drops {p.Drops}" +
               (filter.Length > 0 ? $" | filter: {Cell.Safe(filter)}" : "") + " | ? help  q quit";
    }
}
