using MailSniffer.Core.Flows;
using MailSniffer.Decoders.Events;
using MailSniffer.Decoders.Smtp;
using MailSniffer.Decoders.Tests.Support;
using static MailSniffer.Decoders.Tests.Support.TestText;
using static MailSniffer.Decoders.Tests.Smtp.SmtpReplay;

namespace MailSniffer.Decoders.Tests.Smtp;

/// <summary>Byte transcripts of SMTP sessions, each replayed whole, byte by byte and cut at random points.</summary>
public sealed class SmtpTranscriptTests
{
    [Fact]
    public void Plain_session_gives_exact_event_sequence()
    {
        var t = new Transcript()
            .S("220 mx.example.org ESMTP")
            .C("EHLO client.example.com")
            .S("250-mx.example.org", "250-PIPELINING", "250-8BITMIME", "250 CHUNKING")
            .C("MAIL FROM:<alice@example.com> SIZE=120")
            .S("250 2.1.0 Ok")
            .C("RCPT TO:<bob@example.org>")
            .S("250 2.1.5 Ok")
            .C("DATA")
            .S("354 End data with <CR><LF>.<CR><LF>")
            .C("Subject: hi", "", "..leading dot", "body", ".")
            .S("250 2.0.0 queued")
            .C("QUIT")
            .S("221 bye");
        var events = Decode(t);
        string body = "Subject: hi\r\n\r\n.leading dot\r\nbody\r\n";
        Assert.Equal(
        [
            "SmtpReply ts=1000 220 [mx.example.org ESMTP]",
            "SmtpCommandEvent { Flow = 1, Ts = 1970-01-01T00:00:00.000002Z, Verb = EHLO, Arg = client.example.com }",
            "SmtpReply ts=3000 250 [mx.example.org|PIPELINING|8BITMIME|CHUNKING]",
            "SmtpCommandEvent { Flow = 1, Ts = 1970-01-01T00:00:00.000004Z, Verb = MAIL, Arg = FROM:<alice@example.com> SIZE=120 }",
            "SmtpReply ts=5000 250 [2.1.0 Ok]",
            "SmtpCommandEvent { Flow = 1, Ts = 1970-01-01T00:00:00.000006Z, Verb = RCPT, Arg = TO:<bob@example.org> }",
            "SmtpReply ts=7000 250 [2.1.5 Ok]",
            "SmtpCommandEvent { Flow = 1, Ts = 1970-01-01T00:00:00.000008Z, Verb = DATA, Arg =  }",
            "SmtpReply ts=9000 354 [End data with <CR><LF>.<CR><LF>]",
            $"Message flow=1 ts=10000 start=9000 smtp DATA ClientToServer len={body.Length} sha={Sha(body)} complete=True partial=False from=alice@example.com rcpt=[bob@example.org] user= seq=",
            "SmtpReply ts=11000 250 [2.0.0 queued]",
            "SmtpCommandEvent { Flow = 1, Ts = 1970-01-01T00:00:00.000012Z, Verb = QUIT, Arg =  }",
            "SmtpReply ts=13000 221 [bye]",
        ], EventRendering.RenderAll(events));
    }

    [Fact]
    public void Pipelined_batch_with_early_body_pairs_replies_in_order()
    {
        var t = new Transcript()
            .S("220 mx ESMTP")
            .C("ehlo c")
            .S("250-mx", "250 PIPELINING")
            .C("mail FROM:<a@x> BODY=8BITMIME", "rcpt TO:<b@y>", "rcpt TO:<nobody@y>", "rcpt TO:<c@y>", "data", "line one", ".")
            .S("250 ok", "250 ok", "550 no such user", "250 ok", "354 go ahead", "250 queued")
            .C("quit");
        var events = Decode(t);
        var m = Assert.Single(events.OfType<MessageEvent>());
        Assert.Equal("line one\r\n", Text(m));
        Assert.Equal("a@x", m.MailFrom);
        Assert.Equal(["b@y", "c@y"], m.RcptTo);
        Assert.Equal(["EHLO", "MAIL", "RCPT", "RCPT", "RCPT", "DATA", "QUIT"], events.OfType<SmtpCommandEvent>().Select(c => c.Verb));
        Assert.Equal("FROM:<a@x> BODY=8BITMIME", events.OfType<SmtpCommandEvent>().First(c => c.Verb == "MAIL").Arg);
    }

    [Fact]
    public void Rejected_pipeline_body_is_read_as_refused_commands()
    {
        var t = new Transcript()
            .S("220 mx ESMTP")
            .C("EHLO c")
            .S("250 mx")
            .C("MAIL FROM:<spam@x>", "RCPT TO:<b@y>", "DATA", "Subject: not a message", "", "text", ".")
            .S("553 sender rejected", "503 need MAIL", "503 need RCPT", "500 bad", "500 bad", "500 bad", "500 bad")
            .C("RSET")
            .S("250 reset")
            .C("MAIL FROM:<ok@x>", "RCPT TO:<b@y>", "DATA")
            .S("250 ok", "250 ok", "354 go")
            .C("real message", ".")
            .S("250 queued");
        var events = Decode(t);
        var m = Assert.Single(events.OfType<MessageEvent>());
        Assert.Equal("real message\r\n", Text(m));
        Assert.Equal("ok@x", m.MailFrom);
        // "text" reads as a command; "Subject: ..." does not even look like one and flags the flow.
        Assert.Contains(events.OfType<SmtpCommandEvent>(), c => c.Verb == "TEXT");
        Assert.Contains(events.OfType<AnomalyEvent>(), a => a.Reason.Contains("not an SMTP command"));
    }

    [Fact]
    public void Several_transactions_and_rset_keep_envelopes_apart()
    {
        var t = new Transcript()
            .S("220 mx")
            .C("HELO c").S("250 mx")
            .C("MAIL FROM:<a@x>").S("250 ok")
            .C("RCPT TO:<b@y>").S("250 ok")
            .C("RSET").S("250 ok")
            .C("MAIL FROM:<c@x>").S("250 ok")
            .C("RCPT TO:<d@y>").S("250 ok")
            .C("DATA").S("354 go")
            .C("one", ".").S("250 ok")
            .C("MAIL FROM:<e@x>").S("250 ok")
            .C("RCPT TO:<f@y>").S("250 ok")
            .C("DATA").S("354 go")
            .C("two", ".").S("250 ok");
        var messages = Decode(t).OfType<MessageEvent>().ToList();
        Assert.Equal(["one\r\n", "two\r\n"], messages.Select(Text));
        Assert.Equal([("c@x", "d@y"), ("e@x", "f@y")], messages.Select(m => (m.MailFrom!, m.RcptTo!.Single())));
    }

    [Fact]
    public void Smtputf8_addresses_and_8bit_body_are_kept()
    {
        var t = new Transcript()
            .S("220 mx")
            .C("EHLO c").S("250-mx", "250 SMTPUTF8")
            .C("MAIL FROM:<jörg@bücher.example> SMTPUTF8").S("250 ok")
            .C("RCPT TO:<用户@例子.广告>").S("250 ok")
            .C("DATA").S("354 go")
            .C("Subject: grüße", "", "καλημέρα", ".").S("250 ok");
        var m = Assert.Single(Decode(t).OfType<MessageEvent>());
        Assert.Equal("jörg@bücher.example", m.MailFrom);
        Assert.Equal(["用户@例子.广告"], m.RcptTo);
        Assert.Equal("Subject: grüße\r\n\r\nκαλημέρα\r\n", Text(m));
    }

    [Fact]
    public void Message_ending_with_a_lone_dot_line()
    {
        var t = new Transcript()
            .S("220 mx").C("MAIL FROM:<a@x>", "RCPT TO:<b@y>", "DATA").S("250 ok", "250 ok", "354 go")
            .CRaw("text\r\n..\r\n.\r\n").S("250 ok");
        Assert.Equal("text\r\n.\r\n", Text(Assert.Single(Decode(t).OfType<MessageEvent>())));
    }

    [Fact]
    public void Bdat_chunks_are_joined_raw_and_mixed_with_data()
    {
        var t = new Transcript()
            .S("220 mx").C("EHLO c").S("250-mx", "250 CHUNKING")
            .C("MAIL FROM:<a@x>", "RCPT TO:<b@y>").S("250 ok", "250 ok")
            .CRaw("BDAT 11\r\nHello\r\n.\r\nX").S("250 12 octets")
            .CRaw("BDAT 7 LAST\r\n..dots\n").S("250 done")
            .C("MAIL FROM:<c@x>", "RCPT TO:<d@y>", "DATA").S("250 ok", "250 ok", "354 go")
            .C("..data body", ".").S("250 ok")
            .C("MAIL FROM:<e@x>", "RCPT TO:<f@y>").S("250 ok", "250 ok")
            .C("BDAT 0 LAST").S("250 empty");
        var messages = Decode(t).OfType<MessageEvent>().ToList();
        Assert.Equal(["BDAT", "DATA", "BDAT"], messages.Select(m => m.Source));
        Assert.Equal("Hello\r\n.\r\nX..dots\n", Text(messages[0]));
        Assert.Equal(".data body\r\n", Text(messages[1]));
        Assert.Equal("", Text(messages[2]));
        Assert.All(messages, m => Assert.True(m.Complete));
        Assert.Equal(["a@x", "c@x", "e@x"], messages.Select(m => m.MailFrom));
    }

    [Fact]
    public void Gap_inside_bdat_chunk_counts_against_it_and_marks_incomplete()
    {
        var t = new Transcript()
            .S("220 mx").C("MAIL FROM:<a@x>", "RCPT TO:<b@y>").S("250 ok", "250 ok")
            .CRaw("BDAT 10 LAST\r\nabc").Gap(Direction.ClientToServer, 4).CRaw("xyz")
            .S("250 ok")
            .C("QUIT");
        var events = Decode(t);
        var m = Assert.Single(events.OfType<MessageEvent>());
        Assert.False(m.Complete);
        Assert.Equal("abcxyz", Text(m));
        Assert.Contains(events.OfType<SmtpCommandEvent>(), c => c.Verb == "QUIT");
        Assert.Contains(events.OfType<AnomalyEvent>(), a => a.Reason.Contains("BDAT"));
    }

    [Fact]
    public void Gap_past_a_bdat_chunk_resynchronises_on_the_next_command()
    {
        var t = new Transcript()
            .S("220 mx").C("MAIL FROM:<a@x>", "RCPT TO:<b@y>").S("250 ok", "250 ok")
            .CRaw("BDAT 200\r\n" + new string('A', 100)).S("250 ok")
            .Gap(Direction.ClientToServer, 1000)
            .CRaw("tail of something\r\nDATA\r\n").S("354 go")
            .C("Hello!", ".").S("250 ok");
        var messages = Decode(t).OfType<MessageEvent>().ToList();
        Assert.Equal([("BDAT", false, 100L), ("DATA", true, 8L)], messages.Select(m => (m.Source, m.Complete, m.Content.Length)));
    }

    [Fact]
    public void Gap_inside_data_marks_incomplete_and_reads_on_to_the_terminator()
    {
        var t = new Transcript()
            .S("220 mx").C("MAIL FROM:<a@x>", "RCPT TO:<b@y>", "DATA").S("250 ok", "250 ok", "354 go")
            .CRaw("first part\r\n").Gap(Direction.ClientToServer, 500).CRaw("rest\r\n.\r\n").S("250 ok")
            .C("QUIT").S("221 bye");
        var events = Decode(t);
        var m = Assert.Single(events.OfType<MessageEvent>());
        Assert.False(m.Complete);
        Assert.Equal("first part\r\nrest\r\n", Text(m));
        Assert.Contains(events.OfType<SmtpCommandEvent>(), c => c.Verb == "QUIT");
    }

    [Fact]
    public void Gap_swallowing_the_terminator_is_resolved_by_the_server_reply()
    {
        var t = new Transcript()
            .S("220 mx").C("MAIL FROM:<a@x>", "RCPT TO:<b@y>", "DATA").S("250 ok", "250 ok", "354 go")
            .CRaw("first part\r\n").Gap(Direction.ClientToServer, 500).S("250 queued")
            .C("MAIL FROM:<c@x>", "RCPT TO:<d@y>", "DATA").S("250 ok", "250 ok", "354 go")
            .C("second", ".").S("250 ok");
        var messages = Decode(t).OfType<MessageEvent>().ToList();
        Assert.Equal([("first part\r\n", false), ("second\r\n", true)], messages.Select(m => (Text(m), m.Complete)));
        Assert.Equal("c@x", messages[1].MailFrom);
    }

    [Fact]
    public void One_sided_client_capture_assumes_success()
    {
        var t = new Transcript()
            .C("EHLO c", "AUTH PLAIN AHVzZXIAc2VjcmV0", "MAIL FROM:<a@x>", "RCPT TO:<b@y>", "DATA", "Subject: s", "", "body", ".", "QUIT");
        var events = Decode(t);
        var m = Assert.Single(events.OfType<MessageEvent>());
        Assert.Equal("Subject: s\r\n\r\nbody\r\n", Text(m));
        Assert.True(m.Complete);
        var c = Assert.Single(events.OfType<CredentialEvent>());
        Assert.Equal(("user", "secret", (bool?)null), (c.Username, c.Password, c.Accepted));
    }

    [Fact]
    public void Silent_server_after_data_is_assumed_to_accept_at_finish()
    {
        // The server was seen (greeting) but its replies after that are lost: the body is held, then assumed a message.
        var t = new Transcript()
            .S("220 mx")
            .C("MAIL FROM:<a@x>", "RCPT TO:<b@y>", "DATA", "held body", ".", "QUIT");
        var events = Decode(t);
        Assert.Equal("held body\r\n", Text(Assert.Single(events.OfType<MessageEvent>())));
        Assert.Contains(events.OfType<SmtpCommandEvent>(), c => c.Verb == "QUIT");
    }

    [Fact]
    public void Early_data_beyond_the_limit_is_assumed_accepted()
    {
        var body = string.Concat(Enumerable.Repeat("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\r\n", 200));
        var t = new Transcript().S("220 mx").C("MAIL FROM:<a@x>", "RCPT TO:<b@y>", "DATA").CRaw(body + ".\r\n");
        var events = TranscriptReplay.AssertSplitInvariant(
            sink => new SmtpDecoder(TestFlows.Context(), sink, new SmtpDecoderOptions { MaxEarlyDataBytes = 1024 }), t);
        var m = Assert.Single(events.OfType<MessageEvent>());
        Assert.Equal(body, Text(m));
        Assert.Contains(events.OfType<AnomalyEvent>(), a => a.Reason.Contains("assuming 354"));
    }

    [Fact]
    public void Server_gap_resynchronises_on_the_next_reply_line()
    {
        var t = new Transcript()
            .S("220 mx").C("EHLO c")
            .SRaw("250-mx\r\n250-PIPEL").Gap(Direction.ServerToClient, 40).SRaw("ING\r\n250 OK\r\n")
            .C("MAIL FROM:<a@x>", "RCPT TO:<b@y>", "DATA").S("250 ok", "250 ok", "354 go")
            .C("x", ".").S("250 ok");
        var events = Decode(t);
        Assert.Single(events.OfType<MessageEvent>());
        Assert.Contains(events.OfType<AnomalyEvent>(), a => a.Reason.Contains("server bytes missing"));
    }

    [Fact]
    public void Capture_starting_mid_session_without_greeting()
    {
        var t = new Transcript()
            .C("RCPT TO:<b@y>").S("250 ok")
            .C("DATA").S("354 go")
            .C("mid", ".").S("250 ok");
        var m = Assert.Single(Decode(t).OfType<MessageEvent>());
        Assert.Equal("mid\r\n", Text(m));
        Assert.Null(m.MailFrom);
        Assert.Equal(["b@y"], m.RcptTo);
    }

    [Fact]
    public void Lmtp_end_of_data_gets_one_reply_per_accepted_recipient()
    {
        var t = new Transcript()
            .S("220 lmtp ready")
            .C("LHLO c").S("250-lmtp", "250 PIPELINING")
            .C("MAIL FROM:<a@x>", "RCPT TO:<b@y>", "RCPT TO:<gone@y>", "RCPT TO:<c@y>", "DATA")
            .S("250 ok", "250 ok", "550 unknown", "250 ok", "354 go")
            .C("lmtp body", ".")
            .S("250 2.0.0 <b@y> delivered", "452 4.2.2 <c@y> over quota")
            .C("MAIL FROM:<d@x>", "RCPT TO:<e@y>", "DATA")
            .S("250 ok", "250 ok", "354 go")
            .C("second", ".")
            .S("250 ok");
        var messages = Decode(t).OfType<MessageEvent>().ToList();
        Assert.Equal([("lmtp body\r\n", "b@y,c@y"), ("second\r\n", "e@y")], messages.Select(m => (Text(m), string.Join(",", m.RcptTo!))));
    }

    [Fact]
    public void Server_gap_losing_the_354_does_not_turn_the_body_into_commands()
    {
        var t = new Transcript()
            .S("220 mx").C("EHLO c").S("250 mx")
            .C("MAIL FROM:<a@x>", "RCPT TO:<b@y>", "DATA", "the body", ".")
            .Gap(Direction.ServerToClient, 60)
            .S("250 queued")
            .C("QUIT").S("221 bye");
        var events = Decode(t);
        Assert.Equal("the body\r\n", Text(Assert.Single(events.OfType<MessageEvent>())));
        Assert.DoesNotContain(events.OfType<AnomalyEvent>(), a => a.Reason.Contains("not an SMTP command"));
    }

    [Fact]
    public void A_354_captured_before_its_data_command_still_opens_the_body()
    {
        var t = new Transcript()
            .S("220 mx").C("MAIL FROM:<a@x>", "RCPT TO:<b@y>").S("250 ok", "250 ok")
            .S("354 go")
            .C("DATA", "reordered", ".")
            .S("250 queued")
            .C("MAIL FROM:<c@x>", "RCPT TO:<d@y>", "DATA").S("250 ok", "250 ok", "354 go")
            .C("next", ".").S("250 queued");
        Assert.Equal(["reordered\r\n", "next\r\n"], Decode(t).OfType<MessageEvent>().Select(Text));
    }

    [Fact]
    public void One_sided_gap_just_before_the_terminator_segment_keeps_the_next_transaction()
    {
        var t = new Transcript()
            .C("MAIL FROM:<a@x>", "RCPT TO:<b@y>", "DATA")
            .CRaw("first segment of the body\r\n").Gap(Direction.ClientToServer, 1448).CRaw(".\r\n")
            .C("MAIL FROM:<c@x>", "RCPT TO:<d@y>", "DATA", "second", ".", "QUIT");
        var messages = Decode(t).OfType<MessageEvent>().ToList();
        Assert.Equal([(false, "a@x"), (true, "c@x")], messages.Select(m => (m.Complete, m.MailFrom!)));
        Assert.Equal("second\r\n", Text(messages[1]));
    }
}
