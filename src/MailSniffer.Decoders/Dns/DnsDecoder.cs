using MailSniffer.Core.Capture;
using MailSniffer.Core.Flows;
using MailSniffer.Decoders.Events;

namespace MailSniffer.Decoders.Dns;

/// <summary>DNS over UDP, one instance per flow: each datagram is one message. A bad datagram is flagged and skipped.</summary>
public sealed class DnsDecoder : IDatagramDecoder
{
    private readonly FlowContext _flow;
    private readonly IMailEventSink _sink;
    private readonly DnsMessageProcessor _processor;

    public DnsDecoder(FlowContext flow, IMailEventSink sink)
    {
        _flow = flow;
        _sink = sink;
        _processor = new DnsMessageProcessor(flow.FlowId, sink);
    }

    public string Protocol => "dns";

    public DecodeResult Datagram(Direction direction, ReadOnlySpan<byte> payload, CaptureTime timestamp)
    {
        var error = _processor.Process(payload, timestamp);
        if (error == null) return DecodeResult.NeedMore;
        _sink.Emit(new AnomalyEvent(_flow.FlowId, timestamp, Protocol, error));
        return DecodeResult.Malformed(error);
    }
}
