using MailSniffer.Decoders.Events;

namespace MailSniffer.Analysis.Model;

/// <summary>The protocol an event implies, for flows whose detector verdict was not (or not yet) reported.</summary>
internal static class ProtocolInference
{
    public static string? FromEvent(MailEvent e) => e switch
    {
        SmtpCommandEvent or SmtpReplyEvent => "smtp",
        Pop3CommandEvent or Pop3ReplyEvent => "pop3",
        ImapCommandEvent or ImapResponseEvent => "imap",
        DnsQueryEvent or DnsAnswerEvent => "dns",
        MessageEvent m => m.Protocol,
        CredentialEvent c => c.Protocol,
        _ => null,
    };
}
