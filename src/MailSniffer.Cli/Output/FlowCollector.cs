using MailSniffer.Core.Capture;
using MailSniffer.Core.Flows;

namespace MailSniffer.Cli.Output;

/// <summary>Keeps the record of every flow that ended, for the `flows` table.</summary>
internal sealed class FlowCollector : IStreamSink
{
    public List<FlowInfo> Flows { get; } = new();
    public void FlowStarted(FlowInfo flow) { }
    public void StreamData(FlowInfo flow, Direction direction, ReadOnlySpan<byte> data, CaptureTime timestamp) { }
    public void StreamGap(FlowInfo flow, Direction direction, long length, CaptureTime timestamp) { }
    public void Datagram(FlowInfo flow, Direction direction, ReadOnlySpan<byte> payload, CaptureTime timestamp) { }
    public void FlowEnded(FlowInfo flow) => Flows.Add(flow);
}
