using MailSniffer.Core.Capture;
using MailSniffer.Core.Flows;
using MailSniffer.Decoders.Events;

namespace MailSniffer.Decoders.Dns;

/// <summary>
/// DNS over TCP (RFC 1035 4.2.2, RFC 7766): each message is preceded by a 2-byte length, messages may be split over
/// segments or share one. A gap loses the framing for good (nothing in DNS marks a message start), so it ends decoding.
/// </summary>
public sealed class DnsTcpDecoder : IStreamDecoder
{
    private readonly FlowContext _flow;
    private readonly IMailEventSink _sink;
    private readonly DnsMessageProcessor _processor;
    private readonly DnsTcpFramer[] _framers = [new(), new()];
    private string? _failure;

    public DnsTcpDecoder(FlowContext flow, IMailEventSink sink)
    {
        _flow = flow;
        _sink = sink;
        _processor = new DnsMessageProcessor(flow.FlowId, sink);
    }

    public string Protocol => "dns";

    public DecodeResult Feed(Direction direction, ReadOnlySpan<byte> data, CaptureTime timestamp)
    {
        if (_failure != null) return DecodeResult.Malformed(_failure);
        var framer = _framers[(int)direction];
        while (!data.IsEmpty)
        {
            if (!framer.TryRead(ref data, out var message)) break;
            if (message.IsEmpty)
            {
                Anomaly("zero-length DNS-over-TCP frame", timestamp);
                continue;
            }
            var error = _processor.Process(message, timestamp);
            if (error != null) Anomaly(error, timestamp);
        }
        return DecodeResult.NeedMore;
    }

    public DecodeResult Gap(Direction direction, long length, CaptureTime timestamp)
    {
        _failure ??= $"gap of {length} bytes in DNS over TCP ({direction.ToShortString()}): message framing lost";
        Anomaly(_failure, timestamp);
        return DecodeResult.Malformed(_failure);
    }

    public void Finish(CaptureTime timestamp)
    {
        foreach (var f in _framers)
            if (f.Buffered > 0 && _failure == null) Anomaly($"DNS-over-TCP message cut after {f.Buffered} bytes by the end of the connection", timestamp);
    }

    private void Anomaly(string reason, CaptureTime ts) => _sink.Emit(new AnomalyEvent(_flow.FlowId, ts, Protocol, reason));
}
