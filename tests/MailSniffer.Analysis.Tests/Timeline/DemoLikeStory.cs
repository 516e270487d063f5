using MailSniffer.Core.Flows;

namespace MailSniffer.Analysis.Tests.Timeline;

/// <summary>
/// The shape of `mailsniffer demo --starttls` (addresses and behaviour from its truth files): alice submits over
/// STARTTLS to mx.a.test, which asks DNS from 127.0.0.1 (not from its own address), relays from 127.0.1.1 to mx.b.test,
/// bob reads by POP3, alice keeps a Sent copy by IMAP APPEND.
/// </summary>
internal static class DemoLikeStory
{
    public const string MessageId = "M02AT0BFWUU4.XEMJJXK9DZLM1@a.test";

    public static TimelineScenario Build(bool withRetrieval = true, bool extraRelay = false)
    {
        var sc = new TimelineScenario();
        sc.StartTlsSmtp("127.0.2.1", 37545, "127.0.1.1", 587, 0, "alice-client", "mx.a.test ESMTP MailSniffer", "2.0.0 Ready to start TLS");

        sc.Dns("127.0.0.1", "127.0.0.2", 0.80, 11, "b.test", "MX", ("MX", "10 mx.b.test"));
        sc.Dns("127.0.0.1", "127.0.0.2", 0.85, 12, "mx.b.test", "A", ("A", "127.0.1.2"));
        sc.Dns("127.0.0.1", "127.0.0.2", 0.86, 13, "mx.b.test", "AAAA");

        var msg = TestMail.Compose("alice@a.test", "bob@b.test", "Lunch on Friday?", "Noon?", MessageId);
        var relayed = TestMail.Prepend(msg, TestMail.OurReceived("alice-client", "127.0.2.1", "mx.a.test", "5E1F00AA11BB", "bob@b.test", "alice", tls: true));
        long relay = sc.Tcp("127.0.1.1", 36943, "127.0.1.2", 25, 0.9);
        sc.Reply(relay, 0.901, 220, "mx.b.test ESMTP MailSniffer");
        sc.Cmd(relay, 0.902, "EHLO", "mx.a.test");
        sc.SmtpSend(relay, 0.91, relayed, "alice@a.test", ["bob@b.test"], "2.0.0 OK queued as 0A1B2C3D4E5F");
        sc.End(relay);

        if (extraRelay)
        {
            long other = sc.Tcp("127.0.1.1", 36999, "127.0.1.9", 25, 1.0);
            sc.SmtpSend(other, 1.01, relayed, "alice@a.test", ["bob@b.test"], "2.0.0 OK queued as 999999");
            sc.End(other);
        }

        if (withRetrieval)
        {
            var stored = TestMail.Prepend(relayed, TestMail.OurReceived("mx.a.test", "127.0.1.1", "mx.b.test", "0A1B2C3D4E5F", "bob@b.test"));
            long pop = sc.Tcp("127.0.2.2", 39211, "127.0.1.2", 110, 1.5);
            sc.Protocol(pop, 1.5, "pop3");
            sc.Credential(pop, 1.51, "pop3", "USER", "bob", "builder");
            sc.Message(pop, 1.6, "pop3", "RETR", Direction.ServerToClient, stored, user: "bob");
            sc.End(pop);
        }

        long imap = sc.Tcp("127.0.2.1", 36625, "127.0.1.1", 143, 2);
        sc.Protocol(imap, 2, "imap");
        sc.Credential(imap, 2.01, "imap", "LOGIN", "alice", "wonderland");
        sc.Message(imap, 2.1, "imap", "APPEND", Direction.ClientToServer, msg, user: "alice", mailbox: "Sent");
        sc.End(imap);
        return sc;
    }

    /// <summary>The truth file the demo would write for <see cref="Build"/> (same schema as captures/*.truth.json).</summary>
    public const string Truth = """
    {
      "schemaVersion": 1, "scenario": "full",
      "messages": [ { "messageId": "M02AT0BFWUU4.XEMJJXK9DZLM1@a.test", "subject": "Lunch on Friday?",
        "submission": { "protocol": "SMTP", "client": "127.0.2.1:37545", "server": "127.0.1.1:587", "serverName": "mx.a.test",
                        "user": "alice", "mechanism": "PLAIN", "encrypted": true } } ],
      "relays": [ { "messageId": "M02AT0BFWUU4.XEMJJXK9DZLM1@a.test", "fromServer": "mx.a.test", "fromEndPoint": "127.0.1.1:36943",
                    "toServer": "mx.b.test", "toEndPoint": "127.0.1.2:25", "recipients": ["bob@b.test"], "succeeded": true,
                    "lookups": [ { "name": "b.test", "type": "MX", "answers": ["mx.b.test"] },
                                 { "name": "mx.b.test", "type": "A", "answers": ["127.0.1.2"] },
                                 { "name": "mx.b.test", "type": "AAAA", "answers": [] } ] } ],
      "retrievals": [ { "protocol": "POP3", "user": "bob", "client": "127.0.2.2:39211", "server": "127.0.1.2:110", "mailbox": "INBOX",
                        "messageId": "M02AT0BFWUU4.XEMJJXK9DZLM1@a.test", "encrypted": false } ],
      "uploads": [ { "protocol": "IMAP", "user": "alice", "client": "127.0.2.1:36625", "server": "127.0.1.1:143", "mailbox": "Sent",
                     "messageId": "M02AT0BFWUU4.XEMJJXK9DZLM1@a.test" } ]
    }
    """;
}
