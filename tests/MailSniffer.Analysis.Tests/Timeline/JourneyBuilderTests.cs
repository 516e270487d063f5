using MailSniffer.Analysis.Timeline;
using MailSniffer.Core.Flows;

namespace MailSniffer.Analysis.Tests.Timeline;

public class JourneyBuilderTests
{
    private const string Alice = TimelineStories.Alice;
    private const string MxA = TimelineStories.MxA;
    private const string MxB = TimelineStories.MxB;
    private const string Bob = TimelineStories.Bob;
    private const string Resolver = TimelineStories.Resolver;

    [Fact]
    public void Full_story_gives_one_journey_with_every_hop_in_order()
    {
        var (sc, _) = TimelineStories.FullStory();
        var journeys = sc.Build();

        var j = Assert.Single(journeys);
        Assert.Equal("m1@a.test", j.MessageId);
        Assert.Equal("message-id", j.Identity);
        Assert.Equal("Quarterly numbers", j.Subject);
        Assert.Equal([JourneyStepKind.Submission, JourneyStepKind.Dns, JourneyStepKind.Dns, JourneyStepKind.Dns, JourneyStepKind.Relay, JourneyStepKind.Retrieval],
            j.Steps.Select(s => s.Kind));

        var submission = j.Steps[0];
        Assert.Equal($"{Alice}:50000", submission.Client);
        Assert.Equal($"{MxA}:587", submission.Server);
        Assert.Equal("alice@a.test", submission.User);
        Assert.Equal("PLAIN", submission.AuthMechanism);
        Assert.Equal("1A2B3C", submission.QueueId);
        Assert.False(submission.Encrypted);
        Assert.Contains("id 1A2B3C", submission.Received);
        Assert.Equal("laptop.a.test", submission.ClientName);
        Assert.Equal("mx.a.test", submission.ServerName);

        var relay = j.Steps[4];
        Assert.Equal($"{MxA}:51000", relay.Client);
        Assert.Equal($"{MxB}:25", relay.Server);
        Assert.Equal("9F8E7D", relay.QueueId);
        Assert.Contains("id 9F8E7D", relay.Received);
        Assert.Equal(["bob@b.test"], relay.RcptTo);
        Assert.Equal("mx.b.test", relay.ServerName);

        var mx = j.Steps[1];
        Assert.Equal("MX b.test", mx.Query);
        Assert.Equal(["MX 10 mx.b.test"], mx.Answers);
        Assert.Equal(4, mx.LinkedStep);
        Assert.Equal("high", mx.Confidence);
        var a = j.Steps[2];
        Assert.Equal("A mx.b.test", a.Query);
        Assert.Equal(4, a.LinkedStep);
        Assert.Contains(a.Evidence, e => e.Contains(MxB));
        var aaaa = j.Steps[3];
        Assert.Equal("AAAA mx.b.test", aaaa.Query);
        Assert.Null(aaaa.LinkedStep);

        var retrieval = j.Steps[5];
        Assert.Equal("pop3", retrieval.Protocol);
        Assert.Equal("RETR", retrieval.Source);
        Assert.Equal("bob@b.test", retrieval.User);
        Assert.Equal($"{MxB}:110", retrieval.Server);

        Assert.DoesNotContain(j.Steps, s => s.Kind == JourneyStepKind.Claimed);
        Assert.Equal(5.4 - 0.0102, j.SubmissionToRetrieval!.Value, 6);
        Assert.Equal(j.Steps.Count - 1, j.Delays.Count);
        Assert.All(j.Delays, d => Assert.True(d.Seconds >= 0));
    }

    [Fact]
    public void Full_story_exposure_lists_passwords_addresses_subject_body_and_attachment()
    {
        var (sc, _) = TimelineStories.FullStory();
        var j = Assert.Single(sc.Build());
        var x = j.Exposure;
        Assert.Equal(["alice@a.test", "bob@b.test"], x.Credentials.Select(c => c.Username).Order());
        Assert.Contains(x.Credentials, c => c.Password == "secret");
        Assert.Contains("alice@a.test", x.Addresses);
        Assert.Contains("bob@b.test", x.Addresses);
        Assert.Equal([0, 4, 5], x.SubjectSteps);
        Assert.Equal([0, 4, 5], x.BodySteps);
        Assert.Equal("q3.pdf", Assert.Single(x.Attachments).FileName);
        Assert.Empty(x.EncryptedSteps);
        Assert.Equal(6, x.ClearSteps.Count);
    }

    [Fact]
    public void Relay_whose_dns_lookup_is_missing_says_so_and_invents_nothing()
    {
        var (sc, _) = TimelineStories.FullStory(withDns: false);
        var j = Assert.Single(sc.Build());
        Assert.DoesNotContain(j.Steps, s => s.Kind == JourneyStepKind.Dns);
        var relay = Assert.Single(j.Steps, s => s.Kind == JourneyStepKind.Relay);
        Assert.Contains(relay.Evidence, e => e.Contains("no MX look-up of b.test"));
    }

    [Fact]
    public void Dns_lookup_outside_the_window_or_by_another_host_for_another_address_is_not_linked()
    {
        var sc = new TimelineScenario();
        var msg = TestMail.Compose("a@a.test", "b@b.test", "s", "b", "m2@a.test");
        sc.Dns(MxA, Resolver, 0, 1, "b.test", "MX", ("MX", "10 mx.b.test"));          // 100 s before: outside 60 s
        sc.Dns("127.0.9.9", Resolver, 99, 2, "mx.b.test", "A", ("A", "127.0.9.1")); // other host, other address
        var relayed = TestMail.Prepend(msg, TestMail.OurReceived("c", "127.0.0.1", "mx.a.test", "Q1", "b@b.test"));
        long relay = sc.Tcp(MxA, 51000, MxB, 25, 100);
        sc.SmtpSend(relay, 100, relayed, "a@a.test", ["b@b.test"], "OK");
        sc.End(relay);
        var j = Assert.Single(sc.Build());
        Assert.DoesNotContain(j.Steps, s => s.Kind == JourneyStepKind.Dns);
    }

    [Fact]
    public void Same_message_id_with_different_content_gives_two_journeys()
    {
        var sc = new TimelineScenario();
        var one = TestMail.Compose("a@a.test", "b@b.test", "first", "one", "dup@a.test");
        var two = TestMail.Compose("a@a.test", "c@c.test", "second", "two", "dup@a.test");
        long f1 = sc.Tcp(Alice, 50000, MxA, 587, 0);
        sc.SmtpSend(f1, 0.01, one, "a@a.test", ["b@b.test"], "OK queued as AAA111");
        sc.End(f1);
        long f2 = sc.Tcp("127.0.0.11", 50001, MxA, 587, 1);
        sc.SmtpSend(f2, 1.01, two, "a@a.test", ["c@c.test"], "OK queued as BBB222");
        sc.End(f2);

        var journeys = sc.Build();
        Assert.Equal(2, journeys.Count);
        Assert.Equal(["first", "second"], journeys.Select(j => j.Subject));
        Assert.All(journeys, j => Assert.Equal("dup@a.test", j.MessageId));
        Assert.All(journeys, j => Assert.Contains(j.Notes, n => n.Contains("2 different contents")));
        Assert.NotEqual(journeys[0].Fingerprint, journeys[1].Fingerprint);
    }

    [Fact]
    public void Same_message_on_two_relay_paths_is_one_journey_with_both_relays()
    {
        var sc = new TimelineScenario();
        var msg = TestMail.Compose("a@a.test", "b@b.test", "both", "x", "multi@a.test");
        long sub = sc.Tcp(Alice, 50000, MxA, 587, 0);
        sc.SmtpSend(sub, 0.01, msg, "a@a.test", ["b@b.test", "c@c.test"], "OK queued as SUB001");
        sc.End(sub);
        var relayed = TestMail.Prepend(msg, TestMail.OurReceived("laptop", Alice, "mx.a.test", "SUB001", "b@b.test"));
        long r1 = sc.Tcp(MxA, 51000, MxB, 25, 1);
        sc.SmtpSend(r1, 1.01, relayed, "a@a.test", ["b@b.test"], "OK queued as RB0001");
        sc.End(r1);
        long r2 = sc.Tcp(MxA, 51001, "127.0.4.1", 25, 2);
        sc.SmtpSend(r2, 2.01, relayed, "a@a.test", ["c@c.test"], "OK queued as RC0001");
        sc.End(r2);

        var j = Assert.Single(sc.Build());
        Assert.Equal([JourneyStepKind.Submission, JourneyStepKind.Relay, JourneyStepKind.Relay], j.Steps.Select(s => s.Kind));
        Assert.Equal(["RB0001", "RC0001"], j.Steps.Skip(1).Select(s => s.QueueId));
    }

    [Fact]
    public void Message_without_message_id_joins_its_copies_by_content_fingerprint()
    {
        var sc = new TimelineScenario();
        var msg = TestMail.Compose("a@a.test", "b@b.test", "no id", "body text", null);
        var other = TestMail.Compose("a@a.test", "b@b.test", "no id", "another body", null);
        long sub = sc.Tcp(Alice, 50000, MxB, 25, 0);
        sc.SmtpSend(sub, 0.01, msg, "a@a.test", ["b@b.test"], "OK");
        sc.SmtpSend(sub, 0.02, other, "a@a.test", ["b@b.test"], "OK");
        sc.End(sub);
        var stored = TestMail.Prepend(msg, "Return-Path: <a@a.test>", "X-Original-To: b@b.test", "Delivered-To: b@b.test",
            "Received: from laptop (unknown [127.0.0.10]) by mx.b.test (Postfix) with SMTP; Sun, 22 Nov 2026 10:00:00 +0000");
        long imap = sc.Tcp(Bob, 52000, MxB, 143, 3);
        sc.Protocol(imap, 3, "imap");
        sc.Message(imap, 3.5, "imap", "FETCH BODY[]", Direction.ServerToClient, TestMail.ToLf(stored), user: "bob", mailbox: "INBOX");
        sc.End(imap);

        var journeys = sc.Build();
        Assert.Equal(2, journeys.Count);
        var j = journeys.Single(x => x.Steps.Count == 2);
        Assert.Null(j.MessageId);
        Assert.Equal("fingerprint", j.Identity);
        Assert.Equal([JourneyStepKind.Submission, JourneyStepKind.Retrieval], j.Steps.Select(s => s.Kind));
        Assert.Equal("INBOX", j.Steps[1].Mailbox);
        // The Received header describes the submission we saw (client address matches), so it is attached, not claimed.
        Assert.Contains("mx.b.test", j.Steps[0].Received);
        Assert.Equal(3.5 - 0.0102, j.SubmissionToRetrieval!.Value, 6);
    }

    [Fact]
    public void Encrypted_submission_followed_by_clear_relay_is_linked_with_evidence_and_confidence()
    {
        var sc = new TimelineScenario();
        sc.StartTlsSmtp(Alice, 50000, MxA, 587, 0, "laptop.a.test", "mx.a.test ESMTP", "ready");

        var msg = TestMail.Compose("alice@a.test", "bob@b.test", "secret plans", "x", "tls1@a.test");
        var relayed = TestMail.Prepend(msg, TestMail.OurReceived("laptop.a.test", Alice, "mx.a.test", "77AA88", "bob@b.test", "alice@a.test", tls: true));
        long relay = sc.Tcp(MxA, 51000, MxB, 25, 2);
        sc.SmtpSend(relay, 2.01, relayed, "alice@a.test", ["bob@b.test"], "OK queued as 55CC66");
        sc.End(relay);

        var j = Assert.Single(sc.Build());
        Assert.Empty(sc.Builder.UnlinkedEncryptedSessions);
        Assert.Equal([JourneyStepKind.Submission, JourneyStepKind.Relay], j.Steps.Select(s => s.Kind));
        var sub = j.Steps[0];
        Assert.True(sub.Encrypted);
        Assert.False(sub.ContentSeen);
        Assert.Equal("starttls", sub.TlsKind);
        Assert.Equal("high", sub.Confidence);
        Assert.Equal("77AA88", sub.QueueId);
        Assert.Equal("alice@a.test", sub.User);
        Assert.Contains(sub.Evidence, e => e.Contains("names the session's client"));
        Assert.Contains(sub.Evidence, e => e.Contains("laptop.a.test"));
        Assert.DoesNotContain(j.Steps, s => s.Kind == JourneyStepKind.Claimed);
        Assert.Equal([0], j.Exposure.EncryptedSteps);
        Assert.Equal([1], j.Exposure.SubjectSteps);
    }

    [Fact]
    public void Two_encrypted_sessions_from_one_client_are_told_apart_by_the_port_the_relayed_copies_name()
    {
        var sc = new TimelineScenario();
        long[] sessions =
        [
            sc.StartTlsSmtp(Alice, 50000, MxA, 587, 0, "laptop.a.test", "mx.a.test ESMTP", "ready"),
            sc.StartTlsSmtp(Alice, 50001, MxA, 587, 0.01, "laptop.a.test", "mx.a.test ESMTP", "ready"),
        ];
        // The server relays the second session's message first: by timing alone the first session would take it.
        var second = TestMail.Compose("alice@a.test", "bob@b.test", "second", "x", "second@a.test");
        var first = TestMail.Compose("alice@a.test", "bob@b.test", "first", "x", "first@a.test");
        long r1 = sc.Tcp(MxA, 51000, MxB, 25, 2);
        sc.SmtpSend(r1, 2.01, TestMail.Prepend(second, TestMail.OurReceived("laptop.a.test", Alice, "mx.a.test", "B2", "bob@b.test",
            "alice@a.test", tls: true, port: 50001)), "alice@a.test", ["bob@b.test"], "OK");
        sc.End(r1);
        long r2 = sc.Tcp(MxA, 51001, MxB, 25, 2.5);
        sc.SmtpSend(r2, 2.51, TestMail.Prepend(first, TestMail.OurReceived("laptop.a.test", Alice, "mx.a.test", "A1", "bob@b.test",
            "alice@a.test", tls: true, port: 50000)), "alice@a.test", ["bob@b.test"], "OK");
        sc.End(r2);

        var journeys = sc.Build();
        Assert.Empty(sc.Builder.UnlinkedEncryptedSessions);
        foreach (var (subject, session, queueId) in new[] { ("first", sessions[0], "A1"), ("second", sessions[1], "B2") })
        {
            var j = Assert.Single(journeys, j => j.Subject == subject);
            var sub = Assert.Single(j.Steps, s => s.Encrypted);
            Assert.Equal(session, sub.Flow);
            Assert.Equal(JourneyStepKind.Submission, sub.Kind);
            Assert.Equal(queueId, sub.QueueId);
            Assert.Contains(sub.Evidence, e => e.Contains("client port"));
        }
    }

    [Fact]
    public void A_relayed_copy_whose_header_names_another_port_is_not_the_sessions_evidence()
    {
        var sc = new TimelineScenario();
        long session = sc.StartTlsSmtp(Alice, 50000, MxA, 587, 0, "laptop.a.test", "mx.a.test ESMTP", "ready");
        // The only relay carries the message of another connection from the same client (port 50007, not captured).
        var other = TestMail.Compose("alice@a.test", "bob@b.test", "other", "x", "other@a.test");
        long relay = sc.Tcp(MxA, 51000, MxB, 25, 2);
        sc.SmtpSend(relay, 2.01, TestMail.Prepend(other, TestMail.OurReceived("laptop.a.test", Alice, "mx.a.test", "C3", "bob@b.test",
            "alice@a.test", tls: true, port: 50007)), "alice@a.test", ["bob@b.test"], "OK");
        sc.End(relay);

        var j = Assert.Single(sc.Build());
        // Only a weak link, by the server that received the session relaying soon after: never the header's queue id
        // or its "names the session's client" evidence. The header stays a hop of its own, claimed but not captured.
        var step = Assert.Single(j.Steps, s => s.Flow == session);
        Assert.Null(step.QueueId);
        Assert.DoesNotContain(step.Evidence, e => e.Contains("names the session's client"));
        Assert.Equal("low", step.Confidence);
        Assert.Contains(j.Steps, s => s.Kind == JourneyStepKind.Claimed && s.QueueId == "C3");
    }

    [Fact]
    public void Encrypted_session_without_a_matching_relay_stays_unlinked()
    {
        var sc = new TimelineScenario();
        long tls = sc.Tcp(Alice, 50000, MxA, 465, 0);
        sc.Protocol(tls, 0, "tls");
        sc.End(tls);
        var msg = TestMail.Compose("x@x.test", "y@y.test", "unrelated", "x", "u@x.test");
        long other = sc.Tcp("127.0.5.5", 51000, MxB, 25, 1);
        sc.SmtpSend(other, 1.01, msg, "x@x.test", ["y@y.test"], "OK");
        sc.End(other);

        var j = Assert.Single(sc.Build());
        Assert.Single(j.Steps);
        var session = Assert.Single(sc.Builder.UnlinkedEncryptedSessions);
        Assert.Equal("implicit", session.TlsKind);
        Assert.Equal($"{MxA}:465", session.Server);
    }

    [Fact]
    public void Retrieval_of_a_message_whose_submission_is_not_in_the_capture_shows_claimed_hops()
    {
        var sc = new TimelineScenario();
        var msg = TestMail.Compose("far@far.test", "bob@b.test", "from afar", "hello", "far1@far.test");
        var stored = TestMail.Prepend(msg,
            "Received: from mx.far.test (mx.far.test [192.0.2.7]) by mx.b.test (Postfix) with ESMTPS id 4ABC123 for <bob@b.test>; Sun, 22 Nov 2026 09:59:30 +0000",
            "Received: from [198.51.100.9] (helo=pc) by mx.far.test with esmtpsa (Exim 4.96) id 1abc-000123-AB; Sun, 22 Nov 2026 09:59:20 +0000");
        long pop = sc.Tcp(Bob, 52000, MxB, 110, 10);
        sc.Protocol(pop, 10, "pop3");
        sc.Message(pop, 10.5, "pop3", "RETR", Direction.ServerToClient, stored, user: "bob@b.test");
        sc.End(pop);

        var j = Assert.Single(sc.Build());
        Assert.Equal([JourneyStepKind.Claimed, JourneyStepKind.Claimed, JourneyStepKind.Retrieval], j.Steps.Select(s => s.Kind));
        var first = j.Steps[0];
        Assert.False(first.TsFromWire);
        Assert.Null(first.Flow);
        Assert.Equal("198.51.100.9", first.Client);
        Assert.Equal("pc", first.ClientName);
        Assert.Equal("mx.far.test", first.ServerName);
        Assert.Equal("1abc-000123-AB", first.QueueId);
        Assert.True(first.Encrypted);
        Assert.Equal(TimelineScenario.T(-40), first.Ts);
        var second = j.Steps[1];
        Assert.Equal("192.0.2.7", second.Client);
        Assert.Equal("mx.b.test", second.ServerName);
        Assert.Equal("4ABC123", second.QueueId);
        Assert.All(j.Steps.Take(2), s => Assert.Contains(s.Evidence, e => e.Contains("not seen on the wire")));
        Assert.Null(j.SubmissionToRetrieval);
        Assert.Empty(j.Delays);
    }

    [Fact]
    public void Partial_retrieval_joins_by_message_id_and_imap_append_is_an_upload()
    {
        var sc = new TimelineScenario();
        var msg = TestMail.Compose("a@a.test", "b@b.test", "hdr", "body", "p1@a.test");
        long sub = sc.Tcp(Alice, 50000, MxA, 587, 0);
        sc.Credential(sub, 0.001, "smtp", "LOGIN", "a@a.test", "pw");
        sc.SmtpSend(sub, 0.01, msg, "a@a.test", ["b@b.test"], "OK queued as 00FF00", user: "a@a.test");
        sc.End(sub);
        long imap = sc.Tcp(Alice, 50001, MxA, 143, 0.5);
        sc.Protocol(imap, 0.5, "imap");
        sc.Message(imap, 0.6, "imap", "APPEND", Direction.ClientToServer, msg, user: "a@a.test", mailbox: "Sent");
        sc.End(imap);
        int headerEnd = System.Text.Encoding.ASCII.GetString(msg).IndexOf("\r\n\r\n", StringComparison.Ordinal);
        var headersOnly = msg[..(headerEnd + 4)];
        long pop = sc.Tcp(Bob, 52000, MxA, 110, 3);
        sc.Protocol(pop, 3, "pop3");
        sc.Message(pop, 3.1, "pop3", "TOP", Direction.ServerToClient, headersOnly, user: "b@b.test", partial: true);
        sc.End(pop);

        var j = Assert.Single(sc.Build());
        Assert.Equal([JourneyStepKind.Submission, JourneyStepKind.Upload, JourneyStepKind.Retrieval], j.Steps.Select(s => s.Kind));
        Assert.Equal("Sent", j.Steps[1].Mailbox);
        Assert.True(j.Steps[2].PartialContent);
    }

    [Fact]
    public void Relayed_copy_rewritten_by_the_server_still_joins_by_queue_id()
    {
        var sc = new TimelineScenario();
        var submitted = TestMail.Compose("a@a.test", "b@b.test", "rewritten", "body", null);
        long sub = sc.Tcp(Alice, 50000, MxA, 587, 0);
        sc.SmtpSend(sub, 0.01, submitted, "a@a.test", ["b@b.test"], "2.0.0 Ok: queued as 4F2A91C3D", user: "a@a.test");
        sc.End(sub);
        // Postfix added a Message-ID the client did not send, so the content differs; only the queue id ties them.
        var relayed = TestMail.Prepend(submitted,
            "Received: from laptop (unknown [127.0.0.10]) (Authenticated sender: a) by mx.a.test (Postfix) with ESMTPSA id 4F2A91C3D for <b@b.test>; Sun, 22 Nov 2026 10:00:00 +0000",
            "Message-Id: <added-by-postfix@mx.a.test>");
        long relay = sc.Tcp(MxA, 51000, MxB, 25, 1);
        sc.SmtpSend(relay, 1.01, relayed, "a@a.test", ["b@b.test"], "OK");
        sc.End(relay);

        var j = Assert.Single(sc.Build());
        Assert.Equal([JourneyStepKind.Submission, JourneyStepKind.Relay], j.Steps.Select(s => s.Kind));
        Assert.Equal("4F2A91C3D", j.Steps[0].QueueId);
        Assert.Contains(j.Steps[0].Evidence, e => e.Contains("queue id 4F2A91C3D"));
    }

    [Fact]
    public void Hostile_messages_never_crash_the_builder_and_stay_bounded()
    {
        var sc = new TimelineScenario(new JourneyOptions { MaxSightings = 50 });
        var rng = new Random(1234);
        long f = sc.Tcp(Alice, 50000, MxB, 25, 0);
        sc.Protocol(f, 0, "smtp");
        for (int i = 0; i < 60; i++)
        {
            var bytes = new byte[rng.Next(0, 3000)];
            rng.NextBytes(bytes);
            sc.Message(f, i, "smtp", "DATA", Direction.ClientToServer, bytes);
            sc.Reply(f, i + 0.5, 250, new string('x', rng.Next(0, 2000)));
        }
        var many = string.Concat(Enumerable.Range(0, 500).Select(i => $"Received: from h{i} ([10.0.0.{i % 250}]) by x{i} with ESMTP id {i}; bad date ((((\r\n"));
        sc.Message(f, 100, "smtp", "DATA", Direction.ClientToServer, System.Text.Encoding.ASCII.GetBytes(many + "\r\nbody"));
        sc.End(f);
        var journeys = sc.Build();
        Assert.Equal(11, sc.Builder.NotRetained); // 10 random + the header bomb beyond 50 sightings
        Assert.InRange(journeys.Count, 1, 50);
        Assert.All(journeys, j => Assert.InRange(j.Steps.Count, 1, MessageFingerprinter.MaxReceived + 1));
    }

    [Fact]
    public void Claimed_hops_keep_chain_order_when_header_dates_are_wrong_or_missing()
    {
        var sc = new TimelineScenario();
        var msg = TestMail.Compose("far@far.test", "bob@b.test", "skewed", "hello", "skew@far.test");
        // Newest first: a date an hour in the future (wrong time zone), a header without a date, the oldest with a good date.
        var stored = TestMail.Prepend(msg,
            "Received: from mx.far.test ([192.0.2.7]) by mx.b.test with ESMTP id NEWEST; Sun, 22 Nov 2026 11:00:05 +0000",
            "Received: from relay.far.test ([192.0.2.8]) by mx.far.test with ESMTP id MIDDLE",
            "Received: from pc ([198.51.100.9]) by relay.far.test with ESMTPSA id OLDEST; Sun, 22 Nov 2026 09:59:00 +0000");
        long pop = sc.Tcp(Bob, 52000, MxB, 110, 10);
        sc.Protocol(pop, 10, "pop3");
        sc.Message(pop, 10.5, "pop3", "RETR", Direction.ServerToClient, stored, user: "bob@b.test", startAt: 10.4);
        sc.End(pop);

        var j = Assert.Single(sc.Build());
        Assert.Equal(["OLDEST", "MIDDLE", "NEWEST", null], j.Steps.Select(s => s.QueueId));
        Assert.Equal(TimelineScenario.T(-60), j.Steps[0].Ts);
        Assert.Equal(TimelineScenario.T(-60), j.Steps[1].Ts); // no date: the time of the next older hop
        Assert.Equal(TimelineScenario.T(10.4), j.Steps[2].Ts); // future date clamped to when the copy was seen
        Assert.Contains(j.Steps[2].Evidence, e => e.Contains("clock is off"));
        Assert.Equal(JourneyStepKind.Retrieval, j.Steps[3].Kind);
    }

    [Fact]
    public void Received_chains_beyond_the_capture_wide_budget_are_dropped_and_counted()
    {
        var sc = new TimelineScenario(new JourneyOptions { MaxReceivedChars = 300 });
        long f = sc.Tcp(Alice, 50000, MxB, 25, 0);
        for (int i = 0; i < 3; i++)
        {
            var headers = new List<string> { $"Received: from h{i} ([192.0.2.{i + 1}]) by mx.b.test with ESMTP id ID{i}; Sun, 22 Nov 2026 09:00:00 +0000" };
            if (i > 0) headers.Add("Received: from x ([192.0.2.99]) by h with ESMTP id OLD" + new string('x', 2000) + "; Sun, 22 Nov 2026 08:00:00 +0000");
            var msg = TestMail.Prepend(TestMail.Compose("a@a.test", "b@b.test", $"s{i}", "b", $"budget{i}@a.test"), headers.ToArray());
            sc.SmtpSend(f, i + 1, msg, "a@a.test", ["b@b.test"], "OK");
        }
        sc.End(f);
        var journeys = sc.Build();
        Assert.Equal(3, journeys.Count);
        // The first chain (one short header) fits; the others carry a header cut at 1024 characters and do not.
        Assert.Equal("ID0", Assert.Single(journeys[0].Steps, s => s.Kind == JourneyStepKind.Claimed).QueueId);
        Assert.All(journeys.Skip(1), j => Assert.DoesNotContain(j.Steps, s => s.Kind == JourneyStepKind.Claimed));
        Assert.Equal(2, sc.Builder.NotRetained);
    }
}
