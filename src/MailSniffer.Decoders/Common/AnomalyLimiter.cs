using MailSniffer.Core.Capture;
using MailSniffer.Decoders.Events;

namespace MailSniffer.Decoders.Common;

/// <summary>
/// Emits anomalies for one connection, at most a fixed number: a stream of garbage must flag the flow, not flood the sink.
/// </summary>
public sealed class AnomalyLimiter(long flow, string protocol, IMailEventSink sink, int max)
{
    public int Count { get; private set; }

    public void Report(CaptureTime ts, string reason)
    {
        Count++;
        if (Count < max) sink.Emit(new AnomalyEvent(flow, ts, protocol, reason));
        else if (Count == max) sink.Emit(new AnomalyEvent(flow, ts, protocol, $"{reason} (further anomalies in this connection not reported)"));
    }
}
