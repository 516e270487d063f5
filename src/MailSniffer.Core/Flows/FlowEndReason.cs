namespace MailSniffer.Core.Flows;

public enum FlowEndReason : byte
{
    /// <summary>Still open when the capture ended.</summary>
    CaptureEnd = 0,
    Fin,
    Rst,
    /// <summary>No packet for longer than the idle time-out (live capture), or evicted to bound memory.</summary>
    Timeout,
}

public static class FlowEndReasonExtensions
{
    public static string ToJsonName(this FlowEndReason r) => r switch
    {
        FlowEndReason.Fin => "fin",
        FlowEndReason.Rst => "rst",
        FlowEndReason.Timeout => "timeout",
        _ => "capture_end",
    };
}
