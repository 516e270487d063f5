namespace MailSniffer.Analysis.Messages;

/// <summary>
/// What MimeKit read from a message, small enough to keep thousands of. Strings are decoded (RFC 2047) but not
/// sanitised. Addresses are addr-specs (user@domain); display names are kept separately for From only.
/// </summary>
public sealed record MessageSummary
{
    public string? MessageId { get; init; }
    public DateTimeOffset? Date { get; init; }
    public string? From { get; init; }
    public string? FromName { get; init; }
    public IReadOnlyList<string> To { get; init; } = Array.Empty<string>();
    public IReadOnlyList<string> Cc { get; init; } = Array.Empty<string>();
    public string? Subject { get; init; }
    /// <summary>Start of the text (text/plain, else text/html stripped), whitespace collapsed.</summary>
    public string? Preview { get; init; }
    public IReadOnlyList<AttachmentSummary> Attachments { get; init; } = Array.Empty<AttachmentSummary>();
    /// <summary>Attachments found beyond the per-message limit (counted, not described).</summary>
    public int AttachmentsOmitted { get; init; }
    public int HeaderCount { get; init; }
    /// <summary>Set when MimeKit could not parse the message; the record still carries raw size and hash.</summary>
    public string? ParseError { get; init; }

    public static readonly MessageSummary Empty = new();
}
