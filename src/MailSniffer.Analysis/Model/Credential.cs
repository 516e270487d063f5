using MailSniffer.Core.Capture;

namespace MailSniffer.Analysis.Model;

/// <summary>A secret seen on the wire, de-duplicated within its flow. Accepted is null when no server answer was seen.</summary>
public sealed record Credential(long Flow, CaptureTime Ts, string Protocol, string Mechanism, string Username,
    string? Password, string? Hash, bool? Accepted, string? Server, string? Client)
{
    /// <summary>How many times the same secret crossed in this flow.</summary>
    public int Occurrences { get; init; } = 1;
}
