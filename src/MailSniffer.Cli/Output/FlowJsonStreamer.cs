using MailSniffer.Core.Capture;
using MailSniffer.Core.Flows;

namespace MailSniffer.Cli.Output;

/// <summary>
/// Writes each flow's JSON record the moment it ends, so `flows --json` holds nothing per flow: a capture of a million
/// connections costs the reassembler's bounded table, not a million records. Records come in order of ending.
/// </summary>
internal sealed class FlowJsonStreamer(JsonLines output) : IStreamSink
{
    public long Written { get; private set; }
    public void FlowStarted(FlowInfo flow) { }
    public void StreamData(FlowInfo flow, Direction direction, ReadOnlySpan<byte> data, CaptureTime timestamp) { }
    public void StreamGap(FlowInfo flow, Direction direction, long length, CaptureTime timestamp) { }
    public void Datagram(FlowInfo flow, Direction direction, ReadOnlySpan<byte> payload, CaptureTime timestamp) { }

    public void FlowEnded(FlowInfo flow)
    {
        output.Write(w => FlowJson.WriteFields(w, flow));
        Written++;
    }
}
