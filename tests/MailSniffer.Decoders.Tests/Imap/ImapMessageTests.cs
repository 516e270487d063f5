using System.Security.Cryptography;
using System.Text;
using MailSniffer.Core.Flows;
using MailSniffer.Decoders.Events;
using static MailSniffer.Decoders.Tests.Support.ImapTranscriptTurn;

namespace MailSniffer.Decoders.Tests.Imap;

public class ImapMessageTests
{
    private const string Msg = "From: a@b.test\r\nTo: c@d.test\r\nSubject: hi\r\n\r\nbody line\r\na1 OK this is message data, not a response\r\n* 2 EXISTS\r\n)\r\n";

    private static int Len(string s) => Encoding.UTF8.GetByteCount(s);

    [Fact]
    public void Fetch_body_is_a_whole_message_with_mailbox_user_uid_and_seq()
    {
        var ev = ImapTestKit.Replay(
            C("a0 LOGIN u1 p\r\n"), S("a0 OK\r\n"), C("a1 SELECT \"Sent Items\"\r\n"), S("* 3 EXISTS\r\na1 OK [READ-WRITE] done\r\n"),
            C("a2 UID FETCH 7 (BODY.PEEK[])\r\n"),
            S($"* 3 FETCH (UID 7 BODY[] {{{Len(Msg)}}}\r\n{Msg})\r\na2 OK FETCH done\r\n"));
        var m = Assert.Single(ev.Of<MessageEvent>());
        Assert.Equal(Msg, m.Text());
        Assert.Equal(("imap", "FETCH BODY[]", Direction.ServerToClient), (m.Protocol, m.Source, m.Direction));
        Assert.True(m.Complete);
        Assert.False(m.Partial);
        Assert.Equal(("Sent Items", "u1", 7L, 3L), (m.Mailbox, m.User, m.Uid, m.SequenceNumber));
        // The "a1 OK" inside the literal is data: only the real tagged responses appear.
        Assert.Equal(new[] { "a0", "a1", "a2" }, ev.Of<ImapResponseEvent>().Where(r => r.Tag != "*").Select(r => r.Tag));
        var fetch = ev.Of<ImapResponseEvent>().Single(r => r.Status == "FETCH");
        Assert.Equal($"3 (UID 7 BODY[] {{{Len(Msg)}}})", fetch.Text);
        Assert.Equal("UID FETCH", ev.Of<ImapCommandEvent>().Last().Command);
    }

    [Fact]
    public void Uid_after_the_literal_is_still_attached()
    {
        var ev = ImapTestKit.Replay(S($"* 1 FETCH (RFC822 {{{Len(Msg)}}}\r\n{Msg} UID 99 FLAGS (\\Seen))\r\n"));
        var m = Assert.Single(ev.Of<MessageEvent>());
        Assert.Equal((99L, "FETCH RFC822", false), (m.Uid, m.Source, m.Partial));
        Assert.Equal(Msg, m.Text());
    }

    [Fact]
    public void Several_literals_in_one_fetch_response()
    {
        const string hdr = "Subject: hi\r\nFrom: a@b.test\r\n\r\n";
        var ev = ImapTestKit.Replay(S($"* 5 FETCH (BODY[HEADER.FIELDS (SUBJECT FROM)] {{{Len(hdr)}}}\r\n{hdr} BODY[] {{{Len(Msg)}}}\r\n{Msg} BODY[TEXT] {{3}}\r\nabc)\r\n"));
        var ms = ev.Of<MessageEvent>();
        Assert.Equal(3, ms.Count);
        Assert.Equal(("FETCH BODY[HEADER.FIELDS (SUBJECT FROM)]", true, hdr), (ms[0].Source, ms[0].Partial, ms[0].Text()));
        Assert.Equal(("FETCH BODY[]", false, Msg), (ms[1].Source, ms[1].Partial, ms[1].Text()));
        Assert.Equal(("FETCH BODY[TEXT]", true, "abc"), (ms[2].Source, ms[2].Partial, ms[2].Text()));
    }

    [Theory]
    [InlineData("BODY[]<0>")]
    [InlineData("BODY[HEADER]")]
    [InlineData("BODY[1]")]
    [InlineData("BODY[1.2.MIME]")]
    [InlineData("RFC822.HEADER")]
    [InlineData("RFC822.TEXT")]
    public void Parts_and_partials_are_flagged(string item)
    {
        var ev = ImapTestKit.Replay(C("p FETCH 1 (BODY.PEEK[]<0.10>)\r\n"), S($"* 1 FETCH ({item} {{10}}\r\n0123456789)\r\np OK\r\n"));
        var m = Assert.Single(ev.Of<MessageEvent>());
        Assert.True(m.Partial);
        Assert.Equal("FETCH " + item, m.Source);
        Assert.Equal("0123456789", m.Text());
    }

    [Fact]
    public void Non_body_literals_are_not_messages()
    {
        var ev = ImapTestKit.Replay(S("* 1 FETCH (ENVELOPE (\"date\" {5}\r\nsubj) NIL NIL NIL NIL NIL NIL NIL NIL) FLAGS ())\r\n"));
        Assert.Empty(ev.Of<MessageEvent>());
    }

    [Fact]
    public void Small_body_sent_as_quoted_string()
    {
        var ev = ImapTestKit.Replay(S("* 1 FETCH (BODY[TEXT] \"hello\")\r\n"));
        Assert.Equal("hello", Assert.Single(ev.Of<MessageEvent>()).Text());
    }

    [Fact]
    public void Append_uploads_a_message_with_flags_and_date()
    {
        var ev = ImapTestKit.Replay(
            C($"A3 APPEND Drafts (\\Seen \\Draft) \"05-Jan-2026 10:00:00 +0000\" {{{Len(Msg)}}}\r\n"), S("+ Ready\r\n"),
            C(Msg + "\r\n"), S("A3 OK [APPENDUID 1 9] APPEND completed\r\n"));
        var m = Assert.Single(ev.Of<MessageEvent>());
        Assert.Equal(("APPEND", Direction.ClientToServer, "Drafts", false, true), (m.Source, m.Direction, m.Mailbox, m.Partial, m.Complete));
        Assert.Equal(Msg, m.Text());
        Assert.Equal($"Drafts (\\Seen \\Draft) \"05-Jan-2026 10:00:00 +0000\" {{{Len(Msg)}}}", Assert.Single(ev.Of<ImapCommandEvent>()).Args);
    }

    [Fact]
    public void Append_refused_before_the_literal_is_not_a_message_and_decoding_continues()
    {
        var ev = ImapTestKit.Replay(C("A3 APPEND INBOX {999999}\r\n"), S("A3 NO [OVERQUOTA] too big\r\n"), C("A4 NOOP\r\n"), S("A4 OK\r\n"));
        Assert.Empty(ev.Of<MessageEvent>());
        Assert.Equal(new[] { "APPEND", "NOOP" }, ev.Of<ImapCommandEvent>().Select(c => c.Command));
    }

    [Fact]
    public void Multiappend_gives_two_messages()
    {
        var ev = ImapTestKit.Replay(C("m APPEND INBOX {3+}\r\none (\\Seen) {3+}\r\ntwo\r\n"), S("m OK\r\n"));
        Assert.Equal(new[] { "one", "two" }, ev.Of<MessageEvent>().Select(m => m.Text()));
    }

    [Fact]
    public void Gap_inside_a_literal_marks_message_incomplete_and_stays_in_sync()
    {
        var ev = ImapTestKit.Replay(S("* 1 FETCH (BODY[] {20}\r\n0123"), Gap(Direction.ServerToClient, 10), S("456789)\r\nz OK done\r\n"), C("y NOOP\r\n"));
        var m = Assert.Single(ev.Of<MessageEvent>());
        Assert.False(m.Complete);
        Assert.Equal("0123", m.Text());
        Assert.Contains(ev.Of<AnomalyEvent>(), a => a.Reason.Contains("inside a literal"));
        Assert.Contains(ev.Of<ImapResponseEvent>(), r => r.Tag == "z" && r.Status == "OK");
    }

    [Fact]
    public void Gap_outside_literal_resyncs_at_next_response_line()
    {
        var ev = ImapTestKit.Replay(S("* 1 FETCH (FLAGS (\\Se"), Gap(Direction.ServerToClient, 100), S("en junk)\r\nmore junk\r\n* 2 EXISTS\r\nq OK\r\n"));
        Assert.Contains(ev.Of<AnomalyEvent>(), a => a.Reason.Contains("resynchronising"));
        var tail = ev.Of<ImapResponseEvent>().Select(r => r.Tag + " " + r.Status).ToList();
        Assert.Equal(new[] { "* EXISTS", "q OK" }, tail);
    }

    [Fact]
    public void Capture_ending_inside_a_literal_gives_incomplete_message()
    {
        var ev = ImapTestKit.Replay(S("* 1 FETCH (BODY[] {100}\r\nFrom: x\r\n"));
        var m = Assert.Single(ev.Of<MessageEvent>());
        Assert.False(m.Complete);
        Assert.Equal("From: x\r\n", m.Text());
    }

    [Fact]
    public void Message_sha256_matches_the_literal_bytes()
    {
        var bytes = new byte[5000];
        new Random(7).NextBytes(bytes);
        var head = Encoding.ASCII.GetBytes($"* 1 FETCH (BODY[] {{{bytes.Length}}}\r\n");
        var tail = Encoding.ASCII.GetBytes(")\r\n");
        var ev = ImapTestKit.Replay(S([.. head, .. bytes, .. tail]));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), Assert.Single(ev.Of<MessageEvent>()).Content.Sha256Hex);
    }
}
