using MailSniffer.Core.Capture;

namespace MailSniffer.Decoders.Events;

/// <summary>An SMTP command line. Verb upper-cased (clients send "mail FROM:"); Arg is the rest of the line, verbatim.</summary>
public sealed record SmtpCommandEvent(long Flow, CaptureTime Ts, string Verb, string Arg) : MailEvent(Flow, Ts);

/// <summary>One complete (possibly multi-line) SMTP reply; Lines hold the text after "NNN-" / "NNN ".</summary>
public sealed record SmtpReplyEvent(long Flow, CaptureTime Ts, int Code, IReadOnlyList<string> Lines) : MailEvent(Flow, Ts);
