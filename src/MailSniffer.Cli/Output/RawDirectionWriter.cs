using MailSniffer.Core.Capture;
using MailSniffer.Core.Flows;

namespace MailSniffer.Cli.Output;

/// <summary>Writes the exact reassembled bytes of one direction of one flow (gaps omitted), for comparison with tcpflow.</summary>
internal sealed class RawDirectionWriter(long flowId, Direction direction, Stream output) : IStreamSink
{
    public bool Found { get; private set; }
    public void FlowStarted(FlowInfo flow) => Found |= flow.Id == flowId;
    public void StreamData(FlowInfo flow, Direction d, ReadOnlySpan<byte> data, CaptureTime timestamp)
    {
        if (flow.Id == flowId && d == direction) output.Write(data);
    }
    public void StreamGap(FlowInfo flow, Direction d, long length, CaptureTime timestamp) { }
    public void Datagram(FlowInfo flow, Direction d, ReadOnlySpan<byte> payload, CaptureTime timestamp)
    {
        if (flow.Id == flowId && d == direction) output.Write(payload);
    }
    public void FlowEnded(FlowInfo flow) { }
}
