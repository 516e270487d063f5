using MailSniffer.Core.Flows;

namespace MailSniffer.Analysis.Tests.Timeline;

/// <summary>Scenarios shared by the builder and view tests.</summary>
internal static class TimelineStories
{
    public const string Alice = "127.0.0.10";
    public const string MxA = "127.0.2.1";
    public const string MxB = "127.0.3.1";
    public const string Bob = "127.0.0.20";
    public const string Resolver = "127.0.0.53";

    /// <summary>alice submits to mx.a (AUTH PLAIN), mx.a looks up b.test and relays to mx.b, bob reads it by POP3.</summary>
    public static (TimelineScenario Scenario, byte[] Original) FullStory(bool withDns = true)
    {
        var sc = new TimelineScenario();
        var original = TestMail.Compose("alice@a.test", "bob@b.test", "Quarterly numbers", "See attached.", "m1@a.test", "q3.pdf");

        long sub = sc.Tcp(Alice, 50000, MxA, 587, 0);
        sc.Reply(sub, 0.001, 220, "mx.a.test ESMTP");
        sc.Cmd(sub, 0.002, "EHLO", "laptop.a.test");
        sc.Cmd(sub, 0.003, "AUTH", "PLAIN AGFsaWNlQGEudGVzdABzZWNyZXQ=");
        sc.Credential(sub, 0.004, "smtp", "PLAIN", "alice@a.test", "secret");
        sc.SmtpSend(sub, 0.010, original, "alice@a.test", ["bob@b.test"], "2.0.0 OK queued as 1A2B3C", user: "alice@a.test");
        sc.End(sub);

        if (withDns)
        {
            sc.Dns(MxA, Resolver, 0.100, 1, "b.test", "MX", ("MX", "10 mx.b.test"));
            sc.Dns(MxA, Resolver, 0.110, 2, "mx.b.test", "A", ("A", MxB));
            sc.Dns(MxA, Resolver, 0.111, 3, "mx.b.test", "AAAA");
        }

        var relayed = TestMail.Prepend(original, TestMail.OurReceived("laptop.a.test", Alice, "mx.a.test", "1A2B3C", "bob@b.test", "alice@a.test"));
        long relay = sc.Tcp(MxA, 51000, MxB, 25, 0.200);
        sc.Reply(relay, 0.201, 220, "mx.b.test ESMTP");
        sc.Cmd(relay, 0.202, "EHLO", "mx.a.test");
        sc.SmtpSend(relay, 0.210, relayed, "alice@a.test", ["bob@b.test"], "2.0.0 OK queued as 9F8E7D");
        sc.End(relay);

        var stored = TestMail.Prepend(relayed, "Return-Path: <alice@a.test>", "Delivered-To: bob@b.test",
            TestMail.OurReceived("mx.a.test", MxA, "mx.b.test", "9F8E7D", "bob@b.test"));
        long pop = sc.Tcp(Bob, 52000, MxB, 110, 5.0);
        sc.Protocol(pop, 5.0, "pop3");
        sc.Credential(pop, 5.01, "pop3", "USER", "bob@b.test", "hunter2");
        sc.Message(pop, 5.5, "pop3", "RETR", Direction.ServerToClient, TestMail.ToLf(stored), user: "bob@b.test", startAt: 5.4);
        sc.End(pop);
        return (sc, original);
    }

    public const string HostileSubject = "\u001b[31mRED\r\nH1->>H2: pwned; %%{init}%% #x <img:http://evil.test/x.png> @enduml \"q\" **b** \u202Eevil";

    /// <summary>A STARTTLS submission linked to a clear relay, with wire strings built to break terminals and diagram syntax.</summary>
    public static TimelineScenario HostileEncryptedStory()
    {
        var sc = new TimelineScenario();
        long tls = sc.Tcp(Alice, 50000, MxA, 587, 0);
        sc.Protocol(tls, 0, "smtp");
        sc.Reply(tls, 0.001, 220, "mx.a.test\u001b]0;title\u0007 ESMTP");
        sc.Cmd(tls, 0.002, "EHLO", "evil;%%\u001b[2J");
        sc.Tls(tls, 0.005);
        sc.End(tls);
        var msg = TestMail.Compose("alice@a.test", "bob@b.test", HostileSubject, "x", "h1@a.test");
        var relayed = TestMail.Prepend(msg, TestMail.OurReceived("evil;%%", Alice, "mx.a.test", "77AA88", "bob@b.test", "alice@a.test", tls: true));
        long relay = sc.Tcp(MxA, 51000, MxB, 25, 2);
        sc.SmtpSend(relay, 2.01, relayed, "alice@a.test", ["bob@b.test"], "OK queued as 55CC66");
        sc.End(relay);
        return sc;
    }
}
