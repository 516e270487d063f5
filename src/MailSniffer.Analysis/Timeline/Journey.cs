using MailSniffer.Analysis.Exposure;

namespace MailSniffer.Analysis.Timeline;

/// <summary>Everything the capture tells about one message: its steps in time order, delays, and what crossed in clear text.</summary>
public sealed class Journey
{
    /// <summary>1-based, in order of the first step.</summary>
    public int Number { get; internal set; }
    /// <summary>Without angle brackets, as MimeKit reports it; null when the message had none.</summary>
    public string? MessageId { get; init; }
    /// <summary>SHA-256 of the message without trace headers, line endings normalised; null when only partial copies were seen.</summary>
    public string? Fingerprint { get; init; }
    /// <summary>message-id (joined by Message-ID and content), fingerprint (no usable Message-ID), or none (only encrypted or partial evidence).</summary>
    public required string Identity { get; init; }
    public string? Subject { get; init; }
    public string? From { get; init; }
    public IReadOnlyList<string> To { get; init; } = Array.Empty<string>();
    public List<JourneyStep> Steps { get; } = new();
    public List<JourneyDelay> Delays { get; } = new();
    /// <summary>Seconds from the first submission (else the first relay) to the first retrieval, when both were seen on the wire.</summary>
    public double? SubmissionToRetrieval { get; internal set; }
    public JourneyExposure Exposure { get; internal set; } = JourneyExposure.Empty;
    /// <summary>Notes about the journey as a whole (e.g. Message-ID reused with different content).</summary>
    public List<string> Notes { get; } = new();
}
