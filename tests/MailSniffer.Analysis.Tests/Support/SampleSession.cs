using MailSniffer.Analysis.Model;
using MailSniffer.Core.Flows;
using MailSniffer.Decoders.Events;
using static MailSniffer.Analysis.Tests.Support.Events;

namespace MailSniffer.Analysis.Tests.Support;

/// <summary>
/// A small capture's worth of events, as the decoders would emit them: an SMTP submission with AUTH and a message,
/// a POP3 retrieval, an IMAP login and fetch, a DNS look-up over UDP, and an SMTP session that turns to STARTTLS.
/// </summary>
internal static class SampleSession
{
    public static readonly byte[] MessageBytes = Mime.ToBytes(Mime.WithAttachments("Quarterly \u001b[31mred\u001b[0m report",
        ("q3.pdf", new byte[] { 0x25, 0x50, 0x44, 0x46, 1, 2, 3 }, "application/pdf")));

    public static void Play(CaptureModel model)
    {
        var smtp = Flow(1, serverPort: 587);
        model.FlowStarted(smtp);
        model.Emit(new ProtocolDetectedEvent(1, At(0.01), "smtp", "220 greeting"));
        model.Emit(new SmtpReplyEvent(1, At(0.01), 220, new[] { "mx.b.test ESMTP" }));
        model.Emit(new SmtpCommandEvent(1, At(0.02), "EHLO", "client.a.test"));
        model.Emit(new SmtpReplyEvent(1, At(0.03), 250, new[] { "mx.b.test", "AUTH PLAIN LOGIN CRAM-MD5", "PIPELINING" }));
        model.Emit(new SmtpCommandEvent(1, At(0.04), "AUTH", "PLAIN AGFsaWNlAHMzY3JldA=="));
        model.Emit(new CredentialEvent(1, At(0.04), "smtp", "PLAIN", "alice", "s3cret", null));
        model.Emit(new SmtpReplyEvent(1, At(0.05), 235, new[] { "2.7.0 Authentication successful" }));
        model.Emit(new CredentialEvent(1, At(0.05), "smtp", "PLAIN", "alice", "s3cret", null, Accepted: true));
        model.Emit(new SmtpCommandEvent(1, At(0.06), "MAIL", "FROM:<alice@a.test>"));
        model.Emit(new SmtpCommandEvent(1, At(0.06), "RCPT", "TO:<bob@b.test>"));
        model.Emit(new SmtpCommandEvent(1, At(0.06), "DATA", ""));
        model.Emit(new SmtpReplyEvent(1, At(0.07), 354, new[] { "End data with <CR><LF>.<CR><LF>" }));
        model.Emit(Message(1, MessageBytes, ts: 0.08));
        model.Emit(new SmtpReplyEvent(1, At(0.09), 250, new[] { "2.0.0 Ok: queued as 4AB1C" }));
        model.Emit(new SmtpCommandEvent(1, At(0.10), "QUIT", ""));
        model.FlowEnded(smtp);

        var dns = Flow(2, "192.0.2.25", 40000, "192.0.2.53", 53, Transport.Udp, start: 0.2);
        model.FlowStarted(dns);
        model.Emit(new DnsQueryEvent(2, At(0.2), 4242, "b.test", "MX"));
        model.Emit(new DnsAnswerEvent(2, At(0.2015), 4242, "b.test", "MX", "10 mx.b.test", "NOERROR", 300));
        model.Emit(new DnsAnswerEvent(2, At(0.2015), 4242, "mx.b.test", "A", "192.0.2.26", "NOERROR", 300, "additional"));
        model.Emit(new DnsQueryEvent(2, At(0.3), 7, "nowhere.test", "A"));
        model.Emit(new DnsAnswerEvent(2, At(0.31), 7, "nowhere.test", null, null, "NXDOMAIN"));
        model.FlowEnded(dns);

        var pop = Flow(3, serverPort: 110, start: 1);
        model.FlowStarted(pop);
        model.Emit(new Pop3ReplyEvent(3, At(1.0), true, "POP3 ready <1896.697170952@b.test>"));
        model.Emit(new Pop3CommandEvent(3, At(1.1), "APOP", "bob c4c9334bac560ecc979e58001b3e22fb"));
        model.Emit(new CredentialEvent(3, At(1.1), "pop3", "APOP", "bob", null, "c4c9334bac560ecc979e58001b3e22fb:<1896.697170952@b.test>", false));
        model.Emit(new Pop3ReplyEvent(3, At(1.2), false, "authentication failed"));
        model.Emit(new Pop3CommandEvent(3, At(1.3), "USER", "bob"));
        model.Emit(new Pop3CommandEvent(3, At(1.4), "PASS", "hunter2"));
        model.Emit(new CredentialEvent(3, At(1.4), "pop3", "USER/PASS", "bob", "hunter2", null, true));
        model.Emit(new Pop3CommandEvent(3, At(1.5), "RETR", "1"));
        model.Emit(new Pop3ReplyEvent(3, At(1.6), true, "message follows"));
        model.Emit(Message(3, MessageBytes, ts: 1.7, protocol: "pop3", source: "RETR", mailFrom: null) with { Direction = Direction.ServerToClient, User = "bob" });
        model.Emit(new AnomalyEvent(3, At(1.8), "pop3", "gap of 1000 bytes in s2c"));
        model.Emit(Message(3, MessageBytes[..200], ts: 1.9, complete: false, protocol: "pop3", source: "RETR", mailFrom: null));
        model.FlowEnded(pop);

        var imap = Flow(4, serverPort: 143, start: 2);
        model.FlowStarted(imap);
        model.Emit(new ImapResponseEvent(4, At(2.0), "*", "OK", "IMAP4rev1 ready"));
        model.Emit(new ImapCommandEvent(4, At(2.1), "a1", "LOGIN", "bob \"p\\\"q\""));
        model.Emit(new CredentialEvent(4, At(2.1), "imap", "LOGIN", "bob", "p\"q", null, true));
        model.Emit(new ImapResponseEvent(4, At(2.2), "a1", "OK", "LOGIN completed"));
        model.Emit(new ImapCommandEvent(4, At(2.3), "a2", "FETCH", "1 BODY.PEEK[HEADER]"));
        model.Emit(new ImapResponseEvent(4, At(2.4), "*", "FETCH", "1 (BODY[HEADER] {120}"));
        model.Emit(Message(4, MessageBytes[..MessageBytes.AsSpan().IndexOf("\r\n\r\n"u8)], ts: 2.4, partial: true,
            protocol: "imap", source: "FETCH BODY[HEADER]", mailFrom: null) with { Mailbox = "INBOX", Uid = 17 });
        model.Emit(new ImapResponseEvent(4, At(2.5), "a2", "OK", "FETCH completed"));

        var tls = Flow(5, serverPort: 25, start: 3);
        model.FlowStarted(tls);
        model.Emit(new SmtpCommandEvent(5, At(3.1), "STARTTLS", ""));
        model.Emit(new SmtpReplyEvent(5, At(3.2), 220, new[] { "2.0.0 Ready to start TLS" }));
        model.Emit(new TlsEvent(5, At(3.3), "starttls", "TLS 1.3"));
        // Flows 4 and 5 are still open when the capture ends.
        model.Complete();
    }
}
