using MailSniffer.Core.Capture;

namespace MailSniffer.Decoders.Events;

public sealed record Pop3CommandEvent(long Flow, CaptureTime Ts, string Verb, string Arg) : MailEvent(Flow, Ts);

/// <summary>A +OK / -ERR status line (the first line of a multi-line response). Ok is false for -ERR.</summary>
public sealed record Pop3ReplyEvent(long Flow, CaptureTime Ts, bool Ok, string Text) : MailEvent(Flow, Ts);
