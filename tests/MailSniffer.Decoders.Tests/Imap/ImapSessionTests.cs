using System.IO.Compression;
using System.Text;
using MailSniffer.Core.Flows;
using MailSniffer.Decoders.Events;
using MailSniffer.Decoders.Tests.Support;
using static MailSniffer.Decoders.Tests.Support.ImapTranscriptTurn;

namespace MailSniffer.Decoders.Tests.Imap;

public class ImapSessionTests
{
    [Fact]
    public void Idle_with_pushed_exists_and_done()
    {
        var ev = ImapTestKit.Replay(C("i IDLE\r\n"), S("+ idling\r\n"), S("* 4 EXISTS\r\n"), C("DONE\r\n"), S("i OK IDLE terminated\r\n"), C("j NOOP\r\n"));
        Assert.Equal(new[] { "i IDLE", " DONE", "j NOOP" }, ev.Of<ImapCommandEvent>().Select(c => c.Tag + " " + c.Command));
        Assert.Equal(new[] { "+ ", "* EXISTS", "i OK" }, ev.Of<ImapResponseEvent>().Select(r => r.Tag + " " + r.Status));
        Assert.Equal("4", ev.Of<ImapResponseEvent>()[1].Text);
    }

    [Fact]
    public void Starttls_followed_by_tls_records_is_done()
    {
        var sink = new ListEventSink();
        var d = new MailSniffer.Decoders.Imap.ImapDecoder(TestFlows.Context(), sink);
        d.Feed(Direction.ClientToServer, ". STARTTLS\r\n"u8, ImapTranscriptReplay.TurnTime(0));
        var r1 = d.Feed(Direction.ServerToClient, ". OK Begin TLS negotiation now\r\n"u8, ImapTranscriptReplay.TurnTime(1));
        Assert.Equal(DecodeStatus.NeedMore, r1.Status);
        var r2 = d.Feed(Direction.ClientToServer, new byte[] { 0x16, 0x03, 0x01, 0x00, 0x05, 1, 2, 3, 4, 5 }, ImapTranscriptReplay.TurnTime(2));
        Assert.Equal(DecodeStatus.Done, r2.Status);
        var tls = Assert.Single(sink.Events.OfType<TlsEvent>());
        Assert.Equal(("starttls", "imap"), (tls.Kind, tls.Protocol));
        Assert.Equal(DecodeStatus.Done, d.Feed(Direction.ServerToClient, "* OK not seen\r\n"u8, ImapTranscriptReplay.TurnTime(3)).Status);
    }

    [Fact]
    public void Starttls_then_plaintext_keeps_decoding()
    {
        var ev = ImapTestKit.Replay(C("s STARTTLS\r\n"), S("s OK go\r\n"), C("t LOGIN u p\r\n"), S("t OK\r\n"));
        Assert.Empty(ev.Of<TlsEvent>());
        Assert.Equal("u", Assert.Single(ev.Of<CredentialEvent>()).Username);
    }

    [Fact]
    public void Starttls_refused_stays_plaintext()
    {
        var ev = ImapTestKit.Replay(C("s STARTTLS\r\n"), S("s BAD no tls\r\n"), C("t LOGIN u p\r\n"));
        Assert.Empty(ev.Of<TlsEvent>());
        Assert.Single(ev.Of<CredentialEvent>());
    }

    [Fact]
    public void Compress_deflate_is_inflated_in_both_directions()
    {
        const string msg = "Subject: zipped\r\n\r\nhello compressed world\r\n";
        var client = new Deflater();
        var server = new Deflater();
        var turns = new List<ImapTranscriptTurn>
        {
            C("z COMPRESS DEFLATE\r\n"),
            // The OK is the last plaintext; the first compressed bytes share its segment.
            S([.. "z OK DEFLATE active\r\n"u8.ToArray(), .. server.Chunk("* CAPABILITY IMAP4rev1\r\n")]),
            C(client.Chunk("a LOGIN zed pw\r\n")),
            S(server.Chunk("a OK\r\n")),
            C(client.Chunk("b FETCH 1 BODY[]\r\n")),
            S(server.Chunk($"* 1 FETCH (BODY[] {{{msg.Length}}}\r\n{msg})\r\nb OK\r\n")),
        };
        var ev = ImapTranscriptReplay.AssertSplitInvariant(ImapTestKit.Create, turns);
        Assert.Equal(("zed", "pw", true), (Assert.Single(ev.Of<CredentialEvent>()).Username, ev.Of<CredentialEvent>()[0].Password, ev.Of<CredentialEvent>()[0].Accepted));
        Assert.Equal(msg, Assert.Single(ev.Of<MessageEvent>()).Text());
        Assert.Contains(ev.Of<ImapResponseEvent>(), r => r.Status == "CAPABILITY");
    }

    [Fact]
    public void Corrupt_deflate_stream_is_malformed_not_a_crash()
    {
        var sink = new ListEventSink();
        var d = new MailSniffer.Decoders.Imap.ImapDecoder(TestFlows.Context(), sink);
        d.Feed(Direction.ClientToServer, "z COMPRESS DEFLATE\r\n"u8, default);
        d.Feed(Direction.ServerToClient, "z OK\r\n"u8, default);
        var r = d.Feed(Direction.ServerToClient, new byte[] { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff }, default);
        Assert.Equal(DecodeStatus.Malformed, r.Status);
        Assert.Contains(sink.Events.OfType<AnomalyEvent>(), a => a.Reason.Contains("DEFLATE"));
    }

    /// <summary>One side of a COMPRESS=DEFLATE connection: each chunk ends with a sync flush, as RFC 4978 requires.</summary>
    private sealed class Deflater
    {
        private readonly MemoryStream _out = new();
        private readonly DeflateStream _z;
        public Deflater() => _z = new DeflateStream(_out, CompressionLevel.Optimal, leaveOpen: true);
        public byte[] Chunk(string text)
        {
            long start = _out.Length;
            _z.Write(Encoding.UTF8.GetBytes(text));
            _z.Flush();
            return _out.ToArray()[(int)start..];
        }
    }
}
