using MailSniffer.Core.Capture;

namespace MailSniffer.Decoders.Events;

/// <summary>
/// A secret seen on the wire. Password is null when only a hash/digest crossed (CRAM-MD5, APOP); Hash is then a line
/// crackable by hashcat (mode 16400 for CRAM-MD5, 10900-style APOP as documented in docs/json.md).
/// Accepted is true/false once the server answered, null if no answer was seen.
/// </summary>
public sealed record CredentialEvent(long Flow, CaptureTime Ts, string Protocol, string Mechanism, string Username,
    string? Password, string? Hash, bool? Accepted = null) : MailEvent(Flow, Ts);
