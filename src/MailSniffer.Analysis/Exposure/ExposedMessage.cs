using MailSniffer.Core.Capture;

namespace MailSniffer.Analysis.Exposure;

/// <summary>A copy of a message that crossed in clear text: its subject, whether its body was readable, its attachments.</summary>
public sealed record ExposedMessage(long Flow, CaptureTime Ts, string Protocol, string Source, string? Client, string? Server,
    string? MessageId, string? Subject, bool Body, bool Partial, long Size, IReadOnlyList<ExposedAttachment> Attachments, int? Journey);
