using MailSniffer.Core.Capture;
using MailSniffer.Decoders.Sasl;

namespace MailSniffer.Decoders.Smtp;

/// <summary>A command sent and not yet answered; replies are paired with these in order (PIPELINING).</summary>
internal sealed class SmtpPendingCommand(SmtpCommandKind kind, CaptureTime ts)
{
    public SmtpCommandKind Kind { get; } = kind;
    public CaptureTime Ts { get; } = ts;
    public SmtpTransaction? Transaction { get; init; }
    public SmtpRecipient? Recipient { get; init; }
    public SaslExchange? Auth { get; init; }

    /// <summary>Replies still due: LMTP answers the end of a message once per accepted recipient (RFC 2033).</summary>
    public int RepliesLeft { get; set; } = 1;

    /// <summary>For DATA: the decoder already chose how to read the body (no server reply visible, or too much held).</summary>
    public bool Decided { get; set; }
}
