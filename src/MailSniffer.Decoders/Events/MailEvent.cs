using MailSniffer.Core.Capture;

namespace MailSniffer.Decoders.Events;

/// <summary>
/// Base of everything decoders report. Strings are decoded from the wire as UTF-8 (invalid bytes become U+FFFD) and are
/// NOT sanitised: views must pass them through SafeText before printing.
/// </summary>
public abstract record MailEvent(long Flow, CaptureTime Ts);
