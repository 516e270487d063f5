using System.Security.Cryptography;
using System.Text;
using MailSniffer.Core.Flows;
using MailSniffer.Decoders.Events;
using MailSniffer.Decoders.Pop3;
using MailSniffer.Decoders.Tests.Support;
using static MailSniffer.Decoders.Tests.Support.TestText;

namespace MailSniffer.Decoders.Tests.Pop3;

/// <summary>Byte transcripts of POP3 sessions, each replayed whole, byte by byte and cut at random points.</summary>
public sealed class Pop3TranscriptTests
{
    private static List<MailEvent> Decode(Transcript t) =>
        TranscriptReplay.AssertSplitInvariant(sink => new Pop3Decoder(TestFlows.Context(), sink), t);

    [Fact]
    public void Session_with_retr_and_listing_commands_gives_exact_events()
    {
        var t = new Transcript()
            .S("+OK POP3 server ready")
            .C("USER alice").S("+OK")
            .C("PASS wonderland").S("+OK logged in")
            .C("STAT").S("+OK 2 320")
            .C("LIST").S("+OK 2 messages", "1 120", "2 200", ".")
            .C("UIDL 1").S("+OK 1 abc")
            .C("RETR 1").S("+OK 120 octets", "Subject: x", "", "..dotted", "body", ".")
            .C("DELE 1").S("+OK deleted")
            .C("NOOP").S("+OK")
            .C("RSET").S("+OK")
            .C("QUIT").S("+OK bye");
        var events = Decode(t);
        string body = "Subject: x\r\n\r\n.dotted\r\nbody\r\n";
        string sha = Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(body)));
        Assert.Equal(
        [
            "Pop3ReplyEvent { Flow = 1, Ts = 1970-01-01T00:00:00.000001Z, Ok = True, Text = POP3 server ready }",
            "Pop3CommandEvent { Flow = 1, Ts = 1970-01-01T00:00:00.000002Z, Verb = USER, Arg = alice }",
            "Pop3ReplyEvent { Flow = 1, Ts = 1970-01-01T00:00:00.000003Z, Ok = True, Text =  }",
            "Pop3CommandEvent { Flow = 1, Ts = 1970-01-01T00:00:00.000004Z, Verb = PASS, Arg = wonderland }",
            "Pop3ReplyEvent { Flow = 1, Ts = 1970-01-01T00:00:00.000005Z, Ok = True, Text = logged in }",
            "CredentialEvent { Flow = 1, Ts = 1970-01-01T00:00:00.000005Z, Protocol = pop3, Mechanism = USER, Username = alice, Password = wonderland, Hash = , Accepted = True }",
            "Pop3CommandEvent { Flow = 1, Ts = 1970-01-01T00:00:00.000006Z, Verb = STAT, Arg =  }",
            "Pop3ReplyEvent { Flow = 1, Ts = 1970-01-01T00:00:00.000007Z, Ok = True, Text = 2 320 }",
            "Pop3CommandEvent { Flow = 1, Ts = 1970-01-01T00:00:00.000008Z, Verb = LIST, Arg =  }",
            "Pop3ReplyEvent { Flow = 1, Ts = 1970-01-01T00:00:00.000009Z, Ok = True, Text = 2 messages }",
            "Pop3CommandEvent { Flow = 1, Ts = 1970-01-01T00:00:00.000010Z, Verb = UIDL, Arg = 1 }",
            "Pop3ReplyEvent { Flow = 1, Ts = 1970-01-01T00:00:00.000011Z, Ok = True, Text = 1 abc }",
            "Pop3CommandEvent { Flow = 1, Ts = 1970-01-01T00:00:00.000012Z, Verb = RETR, Arg = 1 }",
            "Pop3ReplyEvent { Flow = 1, Ts = 1970-01-01T00:00:00.000013Z, Ok = True, Text = 120 octets }",
            $"Message flow=1 ts=13000 start=13000 pop3 RETR ServerToClient len={body.Length} sha={sha} complete=True partial=False from= rcpt=[] user=alice seq=1",
            "Pop3CommandEvent { Flow = 1, Ts = 1970-01-01T00:00:00.000014Z, Verb = DELE, Arg = 1 }",
            "Pop3ReplyEvent { Flow = 1, Ts = 1970-01-01T00:00:00.000015Z, Ok = True, Text = deleted }",
            "Pop3CommandEvent { Flow = 1, Ts = 1970-01-01T00:00:00.000016Z, Verb = NOOP, Arg =  }",
            "Pop3ReplyEvent { Flow = 1, Ts = 1970-01-01T00:00:00.000017Z, Ok = True, Text =  }",
            "Pop3CommandEvent { Flow = 1, Ts = 1970-01-01T00:00:00.000018Z, Verb = RSET, Arg =  }",
            "Pop3ReplyEvent { Flow = 1, Ts = 1970-01-01T00:00:00.000019Z, Ok = True, Text =  }",
            "Pop3CommandEvent { Flow = 1, Ts = 1970-01-01T00:00:00.000020Z, Verb = QUIT, Arg =  }",
            "Pop3ReplyEvent { Flow = 1, Ts = 1970-01-01T00:00:00.000021Z, Ok = True, Text = bye }",
        ], EventRendering.RenderAll(events));
    }

    [Fact]
    public void Apop_gives_a_hashcat_mode_20_line()
    {
        // RFC 1939's example: MD5("<1896.697170952@dbc.mtview.ca.us>" + "tanstaaf").
        const string stamp = "<1896.697170952@dbc.mtview.ca.us>";
        var t = new Transcript()
            .S("+OK POP3 server ready " + stamp)
            .C("APOP mrose c4c9334bac560ecc979e58001b3e22fb").S("+OK maildrop has 1 message")
            .C("RETR 1").S("+OK", "hi", ".");
        var events = Decode(t);
        var c = Assert.Single(events.OfType<CredentialEvent>());
        Assert.Equal(("APOP", "mrose", null, "c4c9334bac560ecc979e58001b3e22fb:" + stamp, true), CredentialFields(c));
        // The line is crackable as md5($salt.$pass): the salt and the right password give the digest back.
        var parts = c.Hash!.Split(':', 2);
        Assert.Equal(parts[0], Convert.ToHexStringLower(MD5.HashData(Encoding.ASCII.GetBytes(parts[1] + "tanstaaf"))));
        Assert.Equal("mrose", Assert.Single(events.OfType<MessageEvent>()).User);
    }

    [Fact]
    public void User_pass_failure_then_retry()
    {
        var t = new Transcript()
            .S("+OK ready")
            .C("USER bob").S("+OK")
            .C("PASS nope").S("-ERR authentication failed")
            .C("USER bob").S("+OK")
            .C("PASS yes").S("+OK");
        Assert.Equal([("USER", "bob", "nope", null, false), ("USER", "bob", "yes", null, true)],
            Decode(t).OfType<CredentialEvent>().Select(CredentialFields));
    }

    [Fact]
    public void Auth_plain_with_continuation_and_with_initial_response()
    {
        var t = new Transcript()
            .S("+OK ready")
            .C("AUTH PLAIN").S("+ ")
            .C(B64("\0carol\0bad")).S("-ERR [AUTH] failed")
            .C("AUTH PLAIN " + B64("\0carol\0good")).S("+OK welcome")
            .C("STAT").S("+OK 0 0");
        var events = Decode(t);
        Assert.Equal([("PLAIN", "carol", "bad", null, false), ("PLAIN", "carol", "good", null, true)],
            events.OfType<CredentialEvent>().Select(CredentialFields));
        Assert.Equal(["AUTH", "AUTH", "STAT"], events.OfType<Pop3CommandEvent>().Select(c => c.Verb));
    }

    [Fact]
    public void Auth_login_and_xoauth2()
    {
        var t = new Transcript()
            .S("+OK ready")
            .C("AUTH LOGIN").S("+ " + B64("Username:"))
            .C(B64("dan")).S("+ " + B64("Password:"))
            .C(B64("pw1")).S("-ERR no")
            .C("AUTH XOAUTH2").S("+ ")
            .C(B64("user=dan\u0001auth=Bearer tok123\u0001\u0001")).S("+OK");
        Assert.Equal([("LOGIN", "dan", "pw1", null, false), ("XOAUTH2", "dan", "tok123", null, true)],
            Decode(t).OfType<CredentialEvent>().Select(CredentialFields));
    }

    [Fact]
    public void Top_is_partial_and_refused_retr_is_no_message()
    {
        var t = new Transcript()
            .S("+OK ready")
            .C("USER u").S("+OK").C("PASS p").S("+OK")
            .C("TOP 3 0").S("+OK", "Subject: only headers", "", ".")
            .C("RETR 9").S("-ERR no such message")
            .C("CAPA").S("+OK", "TOP", "UIDL", ".")
            .C("UIDL").S("+OK", "1 a", "2 b", ".");
        var m = Assert.Single(Decode(t).OfType<MessageEvent>());
        Assert.Equal(("TOP", true, true, 3L, "u"), (m.Source, m.Partial, m.Complete, m.SequenceNumber!.Value, m.User!));
        Assert.Equal("Subject: only headers\r\n\r\n", Text(m));
    }

    [Fact]
    public void Gap_inside_retr_marks_incomplete()
    {
        var t = new Transcript()
            .S("+OK ready")
            .C("RETR 1").SRaw("+OK\r\nstart\r\n").Gap(Direction.ServerToClient, 300).SRaw("end\r\n.\r\n")
            .C("QUIT").S("+OK bye");
        var events = Decode(t);
        var m = Assert.Single(events.OfType<MessageEvent>());
        Assert.False(m.Complete);
        Assert.Equal("start\r\nend\r\n", Text(m));
        Assert.True(events.OfType<Pop3ReplyEvent>().Last().Ok);
    }

    [Fact]
    public void Gap_swallowing_the_retr_terminator_is_resolved_by_the_next_command()
    {
        var t = new Transcript()
            .S("+OK ready")
            .C("RETR 1").SRaw("+OK\r\nstart\r\n").Gap(Direction.ServerToClient, 300)
            .C("RETR 2").SRaw("tail of the lost one\r\n+OK\r\nsecond\r\n.\r\n");
        var messages = Decode(t).OfType<MessageEvent>().ToList();
        Assert.Equal([("start\r\n", false, 1L), ("second\r\n", true, 2L)], messages.Select(m => (Text(m), m.Complete, m.SequenceNumber!.Value)));
    }

    [Fact]
    public void Pipelined_commands_pair_in_order()
    {
        var t = new Transcript()
            .S("+OK ready")
            .C("STAT", "LIST", "RETR 1", "RETR 2", "QUIT")
            .S("+OK 2 10", "+OK", "1 5", "2 5", ".", "+OK", "one", ".", "+OK", "two", ".", "+OK bye");
        var messages = Decode(t).OfType<MessageEvent>().ToList();
        Assert.Equal([("one\r\n", 1L), ("two\r\n", 2L)], messages.Select(m => (Text(m), m.SequenceNumber!.Value)));
    }

    [Fact]
    public void Stls_then_tls_stops_and_plaintext_continues()
    {
        byte[] hello = [0x16, 0x03, 0x01, 0x00, 0x05, 0x01];
        var tls = new Transcript().S("+OK ready").C("STLS").S("+OK begin TLS").Raw(Direction.ClientToServer, hello);
        var events = Decode(tls);
        Assert.IsType<TlsEvent>(events[^1]);

        var plain = new Transcript().S("+OK ready").C("STLS").S("+OK begin TLS").C("USER x").S("+OK").C("PASS y").S("+OK");
        events = Decode(plain);
        Assert.Empty(events.OfType<TlsEvent>());
        Assert.Single(events.OfType<CredentialEvent>());
    }

    [Fact]
    public void Client_only_capture_still_yields_credentials()
    {
        var t = new Transcript().C("USER solo", "PASS alone", "RETR 1", "QUIT");
        var c = Assert.Single(Decode(t).OfType<CredentialEvent>());
        Assert.Equal(("USER", "solo", "alone", null, null), CredentialFields(c));
    }

    [Fact]
    public void Apop_without_a_greeting_timestamp_has_no_hash_line()
    {
        var t = new Transcript().S("+OK ready").C("APOP mrose c4c9334bac560ecc979e58001b3e22fb").S("-ERR no");
        var c = Assert.Single(Decode(t).OfType<CredentialEvent>());
        Assert.Equal(("APOP", "mrose", null, null, false), CredentialFields(c));
    }

    [Fact]
    public void Client_speaking_before_the_greeting_is_captured()
    {
        // Capture order can put the client's first command before the server's greeting.
        var t = new Transcript()
            .C("USER early", "PASS bird")
            .S("+OK example.com POP3-Server")
            .S("+OK send PASS", "-ERR wrong password");
        var events = Decode(t);
        var c = Assert.Single(events.OfType<CredentialEvent>());
        Assert.Equal(("USER", "early", "bird", null, false), CredentialFields(c));
    }
}
