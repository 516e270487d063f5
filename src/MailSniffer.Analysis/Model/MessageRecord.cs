using MailSniffer.Analysis.Messages;
using MailSniffer.Core.Capture;
using MailSniffer.Core.Flows;

namespace MailSniffer.Analysis.Model;

/// <summary>One transferred message: how it crossed (from the decoder) and what it says (from MimeKit). Holds no content.</summary>
public sealed record MessageRecord
{
    /// <summary>1-based, in order of arrival; used in export file names.</summary>
    public required long Index { get; init; }
    public required long Flow { get; init; }
    public required CaptureTime Ts { get; init; }
    public CaptureTime? StartTs { get; init; }
    public required string Protocol { get; init; }
    public required string Source { get; init; }
    public required Direction Direction { get; init; }
    public string? Mailbox { get; init; }
    public string? MailFrom { get; init; }
    public IReadOnlyList<string> RcptTo { get; init; } = Array.Empty<string>();
    public string? User { get; init; }
    public long? Uid { get; init; }
    public long? SequenceNumber { get; init; }
    public required bool Complete { get; init; }
    public required bool Partial { get; init; }
    public required long Size { get; init; }
    public required string Sha256 { get; init; }
    public required MessageSummary Summary { get; init; }
    /// <summary>Server endpoint of the flow ("ip:port"), when the flow is known.</summary>
    public string? Server { get; init; }
    public string? Client { get; init; }
}
