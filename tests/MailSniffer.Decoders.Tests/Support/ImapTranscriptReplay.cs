using MailSniffer.Core.Capture;
using MailSniffer.Decoders.Events;

namespace MailSniffer.Decoders.Tests.Support;

/// <summary>
/// Feeds a transcript to a fresh stream decoder whole, one byte at a time, and cut at random points (fixed seeds), and
/// asserts that every way gives the same events (rendered canonically, message bytes as length + SHA-256).
/// Turn i carries timestamp base + i ms whichever way it is cut, so timestamps take part in the comparison.
/// </summary>
public static class ImapTranscriptReplay
{
    public static readonly CaptureTime Base = new(1_700_000_000_000_000_000);

    public enum Split { Whole, ByteByByte, Random }

    public static CaptureTime TurnTime(int turn) => new(Base.UnixNanoseconds + turn * 1_000_000L);

    public static List<MailEvent> Run(Func<FlowContext, IMailEventSink, IStreamDecoder> factory, IReadOnlyList<ImapTranscriptTurn> turns,
        Split split, int seed = 0, bool finish = true)
    {
        var sink = new ListEventSink();
        var decoder = factory(TestFlows.Context(), sink);
        var rnd = new Random(seed);
        for (int t = 0; t < turns.Count; t++)
        {
            var turn = turns[t];
            var ts = TurnTime(t);
            if (turn.IsGap) { decoder.Gap(turn.Direction, turn.GapLength, ts); continue; }
            var data = turn.Data;
            int pos = 0;
            while (pos < data.Length)
            {
                int n = split switch
                {
                    Split.Whole => data.Length,
                    Split.ByteByByte => 1,
                    _ => Math.Min(data.Length - pos, rnd.Next(1, 40)),
                };
                decoder.Feed(turn.Direction, data.AsSpan(pos, n), ts);
                pos += n;
            }
        }
        if (finish) decoder.Finish(TurnTime(turns.Count));
        return sink.Events;
    }

    /// <summary>Runs every split and asserts identical renderings; returns the events of the whole-turn run.</summary>
    public static List<MailEvent> AssertSplitInvariant(Func<FlowContext, IMailEventSink, IStreamDecoder> factory, IReadOnlyList<ImapTranscriptTurn> turns)
    {
        var whole = Run(factory, turns, Split.Whole);
        var expected = RenderAll(whole);
        Assert.Equal(expected, RenderAll(Run(factory, turns, Split.ByteByByte)));
        foreach (int seed in new[] { 1, 2, 3, 42, 1234 })
            Assert.Equal(expected, RenderAll(Run(factory, turns, Split.Random, seed)));
        return whole;
    }

    public static List<string> RenderAll(IEnumerable<MailEvent> events) => events.Select(Render).ToList();

    public static string Render(MailEvent e) => e switch
    {
        MessageEvent m => $"Message flow={m.Flow} ts={m.Ts} {m.Protocol} source={m.Source} {m.Direction} len={m.Content.Length} sha256={m.Content.Sha256Hex} " +
                          $"complete={m.Complete} partial={m.Partial} mailbox={m.Mailbox} user={m.User} uid={m.Uid} seq={m.SequenceNumber} start={m.StartTs}",
        _ => e.ToString(),
    };
}
