using MailSniffer.Core.Capture;
using MailSniffer.Decoders.Events;

namespace MailSniffer.Decoders.Tests.Support;

/// <summary>
/// Feeds a transcript to a fresh decoder (a) turn by turn, (b) one byte at a time, (c) cut at random points (fixed seeds),
/// and asserts that all give the same event sequence: decoders must not depend on how TCP happened to segment the bytes.
/// Each turn gets its own timestamp (its index, in microseconds) so that events are comparable across splittings.
/// </summary>
public static class TranscriptReplay
{
    public static readonly int[] DefaultSeeds = [1, 2, 3, 42, 1234];

    /// <summary>Runs all splittings, asserts identical events, and returns the events of the whole-turn run.</summary>
    public static List<MailEvent> AssertSplitInvariant(Func<IMailEventSink, IStreamDecoder> createDecoder, IReadOnlyList<TranscriptTurn> turns,
        IEnumerable<int>? seeds = null, bool byteByByte = true)
    {
        var whole = Run(createDecoder, turns, Splitting.Whole);
        var expected = EventRendering.RenderAll(whole);
        if (byteByByte)
            Assert.Equal(expected, EventRendering.RenderAll(Run(createDecoder, turns, Splitting.ByteByByte)));
        foreach (int seed in seeds ?? DefaultSeeds)
            Assert.Equal(expected, EventRendering.RenderAll(Run(createDecoder, turns, Splitting.Random, seed)));
        return whole;
    }

    public static List<MailEvent> AssertSplitInvariant(Func<IMailEventSink, IStreamDecoder> createDecoder, Transcript transcript) =>
        AssertSplitInvariant(createDecoder, transcript.Turns);

    public static List<MailEvent> Run(Func<IMailEventSink, IStreamDecoder> createDecoder, IReadOnlyList<TranscriptTurn> turns,
        Splitting splitting, int seed = 0)
    {
        var sink = new ListEventSink();
        var decoder = createDecoder(sink);
        var random = new Random(seed);
        long last = 0;
        for (int t = 0; t < turns.Count; t++)
        {
            var turn = turns[t];
            var ts = new CaptureTime((t + 1) * 1000L);
            last = ts.UnixNanoseconds;
            if (turn.IsGap) { decoder.Gap(turn.Direction, turn.GapLength, ts); continue; }
            var data = turn.Data!;
            switch (splitting)
            {
                case Splitting.Whole:
                    decoder.Feed(turn.Direction, data, ts);
                    break;
                case Splitting.ByteByByte:
                    for (int i = 0; i < data.Length; i++) decoder.Feed(turn.Direction, data.AsSpan(i, 1), ts);
                    break;
                case Splitting.Random:
                    for (int i = 0; i < data.Length;)
                    {
                        int n = Math.Min(data.Length - i, random.Next(1, Math.Max(2, Math.Min(data.Length, 700))));
                        decoder.Feed(turn.Direction, data.AsSpan(i, n), ts);
                        i += n;
                    }
                    break;
            }
        }
        decoder.Finish(new CaptureTime(last + 1000));
        return sink.Events;
    }
}
