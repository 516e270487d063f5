using MailSniffer.Core.Capture;

namespace MailSniffer.Decoders.Events;

/// <summary>The detector decided what a flow speaks (smtp, pop3, imap, dns, tls, unknown) and why.</summary>
public sealed record ProtocolDetectedEvent(long Flow, CaptureTime Ts, string Protocol, string Evidence) : MailEvent(Flow, Ts);
