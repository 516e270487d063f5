using MailSniffer.Analysis.Model;
using MailSniffer.Core.Capture;
using MailSniffer.Core.Flows;
using MailSniffer.Decoders.Pipeline;

namespace MailSniffer.Analysis.Pipeline;

/// <summary>
/// Joins the capture engine to the model: flows go to the model, their bytes to the decoding host, whose events go to
/// the model too. A flow's end reaches the decoders first (so their last events are in) and the model second.
/// </summary>
public sealed class AnalysisSink : IStreamSink
{
    private readonly IModelInput _model;
    private readonly DecodingStreamSink _decoding;

    public AnalysisSink(CaptureModel model, DecoderRegistry? registry = null)
        : this((IModelInput)model, registry)
    {
    }

    /// <summary>Feeds <paramref name="model"/>: the model itself, or a <see cref="ModelHandOff"/> in front of it.</summary>
    public AnalysisSink(IModelInput model, DecoderRegistry? registry = null)
    {
        _model = model;
        _decoding = new DecodingStreamSink(model, registry ?? DecoderRegistry.CreateDefault());
    }

    public DecodingStreamSink Decoding => _decoding;

    public void FlowStarted(FlowInfo flow)
    {
        _model.FlowStarted(flow);
        _decoding.FlowStarted(flow);
    }

    public void StreamData(FlowInfo flow, Direction direction, ReadOnlySpan<byte> data, CaptureTime timestamp) =>
        _decoding.StreamData(flow, direction, data, timestamp);

    public void StreamGap(FlowInfo flow, Direction direction, long length, CaptureTime timestamp) =>
        _decoding.StreamGap(flow, direction, length, timestamp);

    public void Datagram(FlowInfo flow, Direction direction, ReadOnlySpan<byte> payload, CaptureTime timestamp) =>
        _decoding.Datagram(flow, direction, payload, timestamp);

    public void FlowEnded(FlowInfo flow)
    {
        _decoding.FlowEnded(flow);
        _model.FlowEnded(flow);
    }
}
