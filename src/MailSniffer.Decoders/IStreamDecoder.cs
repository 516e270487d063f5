using MailSniffer.Core.Capture;
using MailSniffer.Core.Flows;

namespace MailSniffer.Decoders;

/// <summary>
/// An incremental, pure protocol state machine for one TCP connection: fed bytes, gaps and timestamps in capture order
/// (both directions interleaved as they were captured), it emits events to its <see cref="IMailEventSink"/>.
/// It never throws on hostile input, does no I/O of its own, and bounds what it buffers.
/// Splitting the input differently (one byte at a time, random cuts) must give identical events.
/// </summary>
public interface IStreamDecoder
{
    /// <summary>smtp, pop3, imap, dns, tls...</summary>
    string Protocol { get; }

    DecodeResult Feed(Direction direction, ReadOnlySpan<byte> data, CaptureTime timestamp);

    /// <summary><paramref name="length"/> bytes of this direction were not captured.</summary>
    DecodeResult Gap(Direction direction, long length, CaptureTime timestamp);

    /// <summary>The connection ended (or the capture did): flush what is pending, flagging unfinished messages incomplete.</summary>
    void Finish(CaptureTime timestamp);
}
