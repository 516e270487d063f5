using MailSniffer.Core.Capture;

namespace MailSniffer.Analysis.Exposure;

/// <summary>One mail session and whether it protected what it carried. ClearBeforeTls: a STARTTLS session whose opening (greeting, EHLO) was clear.</summary>
public sealed record ExposedFlow(long Flow, string Protocol, string? Client, string? Server, CaptureTime Start, bool Encrypted, string? TlsKind,
    int Messages, int Credentials, int Addresses);
