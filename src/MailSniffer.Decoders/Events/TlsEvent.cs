using MailSniffer.Core.Capture;

namespace MailSniffer.Decoders.Events;

/// <summary>The connection became encrypted: Kind is "starttls" (upgrade after STARTTLS/STLS) or "implicit" (TLS from the first byte).</summary>
public sealed record TlsEvent(long Flow, CaptureTime Ts, string Kind, string? Protocol) : MailEvent(Flow, Ts)
{
    /// <summary>The server name the client asked for in its ClientHello (SNI), when it was seen.</summary>
    public string? Sni { get; init; }
}
