using MailSniffer.Core.Capture;
using MailSniffer.Core.Flows;
using MailSniffer.Decoders.Events;
using Xunit.Sdk;

namespace MailSniffer.Decoders.Tests.Support;

/// <summary>The replay helper must catch a decoder whose events depend on how its input was cut.</summary>
public sealed class TranscriptReplayTests
{
    /// <summary>Reports the size of every Feed call: correct for whole turns, wrong as soon as input is split.</summary>
    private sealed class SegmentSensitiveDecoder(IMailEventSink sink) : IStreamDecoder
    {
        public string Protocol => "test";

        public DecodeResult Feed(Direction direction, ReadOnlySpan<byte> data, CaptureTime timestamp)
        {
            sink.Emit(new AnomalyEvent(1, timestamp, Protocol, $"feed of {data.Length}"));
            return DecodeResult.NeedMore;
        }

        public DecodeResult Gap(Direction direction, long length, CaptureTime timestamp) => DecodeResult.NeedMore;

        public void Finish(CaptureTime timestamp) { }
    }

    [Fact]
    public void Detects_segmentation_dependent_events()
    {
        var t = new Transcript().C("HELLO WORLD");
        Assert.ThrowsAny<XunitException>(() => TranscriptReplay.AssertSplitInvariant(sink => new SegmentSensitiveDecoder(sink), t));
    }

    [Fact]
    public void Byte_by_byte_run_feeds_every_byte_once_with_the_turn_timestamp()
    {
        var t = new Transcript().CRaw("AB").SRaw("C");
        var events = TranscriptReplay.Run(sink => new SegmentSensitiveDecoder(sink), t.Turns, Splitting.ByteByByte);
        Assert.Equal([1000L, 1000L, 2000L], events.Select(e => e.Ts.UnixNanoseconds));
    }
}
