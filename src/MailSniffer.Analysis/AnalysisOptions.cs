namespace MailSniffer.Analysis;

/// <summary>How the model reads messages and what it keeps. Defaults suit the text report.</summary>
public sealed record AnalysisOptions
{
    public RetentionPolicy Retention { get; init; } = RetentionPolicy.Report;

    /// <summary>Characters of text shown as a message preview.</summary>
    public int PreviewLength { get; init; } = 200;

    /// <summary>MIME nesting followed by the parser; deeper parts are kept as opaque leaves (hostile 10k-deep nesting).</summary>
    public int MaxMimeDepth { get; init; } = 64;

    /// <summary>
    /// Largest header section MimeKit is asked to parse (it holds headers in memory). Beyond it the message is reported
    /// with its raw size and hash and a parse_error, not parsed.
    /// </summary>
    public int MaxHeaderBytes { get; init; } = 1024 * 1024;

    /// <summary>Attachments listed per message; the rest are counted, not described (a message of 100k empty parts).</summary>
    public int MaxAttachmentsPerMessage { get; init; } = 256;

    /// <summary>Credentials kept per open flow for de-duplication before they are reported at flow end.</summary>
    public int MaxPendingCredentialsPerFlow { get; init; } = 1024;

    /// <summary>DNS queries awaiting their answers; the oldest is closed unanswered when more arrive.</summary>
    public int MaxPendingDnsLookups { get; init; } = 10_000;

    /// <summary>
    /// The model owns a <see cref="Decoders.Events.MessageEvent"/>'s content once emitted and disposes it (deleting any
    /// spill file) after its observers have seen it. Turn off only if something else disposes it.
    /// </summary>
    public bool DisposeMessageContent { get; init; } = true;

    public static AnalysisOptions ForReport() => new();

    /// <summary>For streaming views (JSON lines, export): nothing is retained once reported, so memory does not grow with the capture.</summary>
    public static AnalysisOptions ForStreaming() => new() { Retention = RetentionPolicy.Streaming };

    /// <summary>For the creds view: credentials kept, nothing else.</summary>
    public static AnalysisOptions ForCredentials() =>
        new() { Retention = RetentionPolicy.Streaming with { MaxCredentials = RetentionPolicy.Report.MaxCredentials } };
}
