using System.Diagnostics;
using System.Text;
using MailSniffer.Core.Flows;
using MailSniffer.Decoders.Events;
using MailSniffer.Decoders.Imap;
using MailSniffer.Decoders.Tests.Support;

namespace MailSniffer.Decoders.Tests.Imap;

public class ImapHostileTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Random_bytes_never_throw(int seed)
    {
        var rnd = new Random(seed);
        var sink = new ListEventSink();
        var d = new ImapDecoder(TestFlows.Context(), sink);
        // Mix of noise and IMAP-ish fragments so that the tokenizer and literal paths are reached too.
        string[] pieces = ["{", "}", "{5}\r\n", "{99999999999999999999}\r\n", "\"", "\\", "(", ")", "* 1 FETCH (BODY[] ", "a LOGIN ", "\r\n", "+ ", "~{3}\r\n", "[", "]"];
        for (int i = 0; i < 3000; i++)
        {
            var dir = rnd.Next(2) == 0 ? Direction.ClientToServer : Direction.ServerToClient;
            byte[] data = rnd.Next(3) == 0 ? Encoding.ASCII.GetBytes(pieces[rnd.Next(pieces.Length)]) : RandomBytes(rnd, rnd.Next(1, 200));
            if (rnd.Next(50) == 0) d.Gap(dir, rnd.Next(1, 5000), default);
            else d.Feed(dir, data, default);
        }
        d.Finish(default);
    }

    [Fact]
    public void Literal_claiming_4_gib_streams_with_bounded_memory_and_is_flagged()
    {
        var sink = new ListEventSink();
        var d = new ImapDecoder(TestFlows.Context(), sink, new ImapDecoderOptions { MaxMessageBytes = 8 * 1024 * 1024, SpillThreshold = 1024 * 1024 });
        d.Feed(Direction.ServerToClient, "* 1 FETCH (BODY[] {4294967296}\r\n"u8, default);
        var block = new byte[64 * 1024];
        new Random(5).NextBytes(block);
        GC.Collect();
        long before = GC.GetTotalMemory(true);
        for (int i = 0; i < 320; i++) d.Feed(Direction.ServerToClient, block, default); // 20 MiB
        long grown = GC.GetTotalMemory(true) - before;
        Assert.True(grown < 4 * 1024 * 1024, $"memory grew by {grown} bytes");
        // The client direction is independent and still decodes.
        d.Feed(Direction.ClientToServer, "b NOOP\r\n"u8, default);
        d.Finish(default);
        var m = Assert.Single(sink.Events.OfType<MessageEvent>());
        Assert.False(m.Complete);
        Assert.Equal(8 * 1024 * 1024, m.Content.Length);
        Assert.Contains(sink.Events.OfType<AnomalyEvent>(), a => a.Reason.Contains("4294967296"));
        Assert.Contains(sink.Events.OfType<ImapCommandEvent>(), c => c.Command == "NOOP");
        m.Content.Dispose();
    }

    [Fact]
    public void Endless_line_is_bounded_and_resynchronised()
    {
        var sink = new ListEventSink();
        var d = new ImapDecoder(TestFlows.Context(), sink);
        var junk = new byte[1024 * 1024];
        Array.Fill(junk, (byte)'A');
        var sw = Stopwatch.StartNew();
        for (int i = 0; i < 10; i++) d.Feed(Direction.ServerToClient, junk, default);
        d.Feed(Direction.ServerToClient, "\r\nnot a response\r\n* 1 EXISTS\r\n"u8, default);
        Assert.True(sw.Elapsed < TimeSpan.FromSeconds(5));
        Assert.Contains(sink.Events.OfType<AnomalyEvent>(), a => a.Reason.Contains("line longer"));
        Assert.Equal("EXISTS", Assert.Single(sink.Events.OfType<ImapResponseEvent>()).Status);
    }

    [Fact]
    public void Many_literals_in_one_line_are_capped()
    {
        var sink = new ListEventSink();
        var d = new ImapDecoder(TestFlows.Context(), sink);
        var sb = new StringBuilder("* 1 FETCH (");
        for (int i = 0; i < 5000; i++) sb.Append("X {1}\r\nx ");
        sb.Append(")\r\n* 2 EXISTS\r\n");
        d.Feed(Direction.ServerToClient, Encoding.ASCII.GetBytes(sb.ToString()), default);
        d.Finish(default);
        Assert.Contains(sink.Events.OfType<AnomalyEvent>(), a => a.Reason.Contains("literals in one line"));
    }

    private static byte[] RandomBytes(Random rnd, int n)
    {
        var b = new byte[n];
        rnd.NextBytes(b);
        return b;
    }

    [Theory]
    [InlineData(11)]
    [InlineData(12)]
    [InlineData(13)]
    public void Garbage_transcripts_give_the_same_events_however_they_are_split(int seed)
    {
        var rnd = new Random(seed);
        string[] pieces = ["a LOGIN x y\r\n", "* 1 FETCH (BODY[] {7}\r\n", "abc\r\nde", ")\r\n", "{3}\r\n", "\"q\\\"\" ", "b APPEND INBOX {4+}\r\n",
            "+ go\r\n", "c AUTHENTICATE PLAIN\r\n", "AGEAYg==\r\n", "d OK\r\n", "* 3 EXISTS\r\n", "x IDLE\r\n", "DONE\r\n", "\r\n", "(((", "]]"];
        var turns = new List<ImapTranscriptTurn>();
        for (int i = 0; i < 300; i++)
        {
            var dir = rnd.Next(2) == 0 ? Direction.ClientToServer : Direction.ServerToClient;
            if (rnd.Next(40) == 0) { turns.Add(ImapTranscriptTurn.Gap(dir, rnd.Next(1, 50))); continue; }
            var sb = new StringBuilder();
            for (int k = rnd.Next(1, 4); k > 0; k--) sb.Append(pieces[rnd.Next(pieces.Length)]);
            turns.Add(new ImapTranscriptTurn(dir, Encoding.ASCII.GetBytes(sb.ToString())));
        }
        ImapTranscriptReplay.AssertSplitInvariant(ImapTestKit.Create, turns);
    }
}
