using MailSniffer.Core.Capture;

namespace MailSniffer.Analysis.Timeline;

/// <summary>An encrypted mail session (STARTTLS or implicit TLS) whose content the capture cannot show.</summary>
public sealed record EncryptedSession(long Flow, string Protocol, string? Client, string? Server, CaptureTime Start, CaptureTime End,
    string? TlsKind, string? Helo, string? ServerName);
