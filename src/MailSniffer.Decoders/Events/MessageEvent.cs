using MailSniffer.Core.Capture;
using MailSniffer.Decoders.Messages;

namespace MailSniffer.Decoders.Events;

/// <summary>
/// A message (or part of one) that crossed the wire, byte-exact after transfer decoding (dot-unstuffing, BDAT chunks joined,
/// IMAP literal contents). Parsing it (MimeKit) is the model layer's job.
/// </summary>
/// <param name="Protocol">smtp, pop3 or imap.</param>
/// <param name="Source">How it crossed: "DATA", "BDAT", "RETR", "TOP", "FETCH BODY[]", "APPEND"...</param>
/// <param name="Direction">c2s for SMTP/APPEND uploads, s2c for retrievals.</param>
/// <param name="Mailbox">IMAP mailbox (selected or APPEND target); null otherwise.</param>
/// <param name="Complete">False when a gap or the end of the capture cut it.</param>
/// <param name="Partial">True for POP3 TOP, IMAP header/text/partial fetches: deliberately not the whole message.</param>
public sealed record MessageEvent(long Flow, CaptureTime Ts, string Protocol, string Source, Core.Flows.Direction Direction,
    MessageContent Content, bool Complete, bool Partial, string? Mailbox = null, string? MailFrom = null,
    IReadOnlyList<string>? RcptTo = null, string? User = null, long? Uid = null, long? SequenceNumber = null,
    CaptureTime? StartTs = null) : MailEvent(Flow, Ts);
