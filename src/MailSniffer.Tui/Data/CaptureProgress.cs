namespace MailSniffer.Tui.Data;

/// <summary>How far reading has got. Fraction is null for live capture (there is no end to measure against).</summary>
public sealed record CaptureProgress(long Packets, long Flows, long Messages, double? Fraction, double PacketsPerSecond,
    long Drops, bool Finished, bool Paused, string? Error)
{
    public static readonly CaptureProgress Starting = new(0, 0, 0, 0, 0, 0, false, false, null);
}
