using MailSniffer.Core.Capture;

namespace MailSniffer.Core.Flows;

/// <summary>
/// Receives what the transport layer reassembles: ordered bytes, explicit gaps and flow boundaries.
/// This is the one interface between the capture engine and everything above it.
/// Spans are valid only during the call.
/// </summary>
public interface IStreamSink
{
    void FlowStarted(FlowInfo flow);

    /// <summary>The next bytes of one direction of a TCP connection, each byte delivered exactly once, in order.</summary>
    void StreamData(FlowInfo flow, Direction direction, ReadOnlySpan<byte> data, CaptureTime timestamp);

    /// <summary>Bytes of one direction that were never captured (loss, snaplen, memory cap). Data resumes after them.</summary>
    void StreamGap(FlowInfo flow, Direction direction, long length, CaptureTime timestamp);

    /// <summary>One UDP datagram (IP fragments already reassembled).</summary>
    void Datagram(FlowInfo flow, Direction direction, ReadOnlySpan<byte> payload, CaptureTime timestamp);

    void FlowEnded(FlowInfo flow);
}
