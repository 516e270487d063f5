using MailSniffer.Core.Capture;
using MailSniffer.Core.Flows;
using MailSniffer.Decoders.Detection;
using MailSniffer.Decoders.Events;

namespace MailSniffer.Decoders.Pipeline;

/// <summary>
/// The decoding host: receives reassembled TCP bytes, gaps and UDP datagrams from the capture engine, decides each
/// flow's protocol by content (<see cref="ProtocolDetector"/>), creates its decoder from the <see cref="DecoderRegistry"/>,
/// replays the bytes held during detection in their original interleaved order, then streams. Per-flow state is
/// dropped when the flow ends; unknown flows cost nothing beyond the detection window.
/// </summary>
public sealed class DecodingStreamSink : IStreamSink
{
    private const int MaxRejectedDatagrams = 4;

    private readonly IMailEventSink _sink;
    private readonly DecoderRegistry _registry;
    private readonly ProtocolDetector _detector;
    private readonly int _window;
    private readonly Dictionary<long, FlowDecodingState> _flows = new();

    public DecodingStreamSink(IMailEventSink sink, DecoderRegistry registry, ProtocolDetector? detector = null, int detectionWindow = ProtocolDetector.DefaultWindow)
    {
        _sink = sink;
        _registry = registry;
        _detector = detector ?? new ProtocolDetector();
        _window = detectionWindow;
    }

    /// <summary>Called once per flow when it ends, after its decoder finished.</summary>
    public event Action<FlowProtocolInfo>? FlowFinished;

    public int ActiveFlows => _flows.Count;

    /// <summary>Bytes held for detection across all flows (bounded by the window per direction per flow).</summary>
    public long HeldBytes => _flows.Values.Sum(f => (long)f.Held[0] + f.Held[1]);

    /// <summary>What is known so far about a flow still in progress.</summary>
    public FlowProtocolInfo? GetFlow(long flowId) => _flows.TryGetValue(flowId, out var s) ? s.Info : null;

    public void FlowStarted(FlowInfo flow) => State(flow);

    public void StreamData(FlowInfo flow, Direction direction, ReadOnlySpan<byte> data, CaptureTime timestamp)
    {
        if (data.IsEmpty) return;
        var st = State(flow);
        if (!st.Detecting)
        {
            if (st.Decoder != null && !st.Stopped) Handle(st, Feed(st, direction, data, timestamp), timestamp);
            return;
        }
        st.Chunks.Add(new BufferedChunk(direction, data.ToArray(), 0, timestamp));
        st.Held[(int)direction] += data.Length;
        var since = st.SinceGap[(int)direction];
        int room = _window - (int)since.Length;
        if (room > 0) since.Write(data[..Math.Min(room, data.Length)]);
        bool full = st.Held[(int)direction] >= _window;
        TryDecide(st, full, timestamp);
    }

    public void StreamGap(FlowInfo flow, Direction direction, long length, CaptureTime timestamp)
    {
        var st = State(flow);
        if (!st.Detecting)
        {
            if (st.Decoder != null && !st.Stopped) Handle(st, Call(st, d => d.Gap(direction, length, timestamp)), timestamp);
            return;
        }
        // Detection starts afresh from the bytes after the gap; the decoder still gets everything, gap included.
        st.Chunks.Add(new BufferedChunk(direction, Array.Empty<byte>(), length, timestamp));
        st.SinceGap[(int)direction].SetLength(0);
    }

    public void Datagram(FlowInfo flow, Direction direction, ReadOnlySpan<byte> payload, CaptureTime timestamp)
    {
        var st = State(flow);
        if (st.DatagramDecoder == null)
        {
            if (st.Protocol != null) return;
            if (!ProtocolDetector.LooksLikeDnsDatagram(payload, flow.Client.Port, flow.Server.Port))
            {
                if (++st.DatagramsRejected >= MaxRejectedDatagrams) Decide(st, DetectionResult.Unknown("UDP payloads are not DNS"), timestamp);
                return;
            }
            st.DatagramDecoder = _registry.CreateDatagram("dns", st.Context, st);
            Decide(st, DetectionResult.Decided("dns", "UDP payload parses as DNS"), timestamp);
            if (st.DatagramDecoder == null) return;
        }
        try
        {
            // Each datagram stands alone: a bad one is reported by the decoder and the next is still read.
            st.DatagramDecoder.Datagram(direction, payload, timestamp);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            _sink.Emit(new AnomalyEvent(flow.Id, timestamp, st.DatagramDecoder.Protocol, $"decoder failed: {e.GetType().Name}: {e.Message}"));
        }
    }

    public void FlowEnded(FlowInfo flow)
    {
        if (!_flows.TryGetValue(flow.Id, out var st)) return;
        if (st.Detecting && st.Chunks.Count > 0) TryDecide(st, final: true, flow.End);
        if (st.Decoder != null)
        {
            try { st.Decoder.Finish(flow.End); }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                _sink.Emit(new AnomalyEvent(flow.Id, flow.End, st.Decoder.Protocol, $"decoder failed at end of flow: {e.GetType().Name}: {e.Message}"));
            }
        }
        st.ReleaseBuffers();
        _flows.Remove(flow.Id);
        FlowFinished?.Invoke(st.Info);
    }

    private FlowDecodingState State(FlowInfo flow)
    {
        if (!_flows.TryGetValue(flow.Id, out var st)) _flows[flow.Id] = st = new FlowDecodingState(flow, _sink);
        return st;
    }

    private void TryDecide(FlowDecodingState st, bool final, CaptureTime ts)
    {
        var client = st.SinceGap[(int)Direction.ClientToServer];
        var server = st.SinceGap[(int)Direction.ServerToClient];
        var result = _detector.Detect(client.GetBuffer().AsSpan(0, (int)client.Length), server.GetBuffer().AsSpan(0, (int)server.Length), st.Flow.Server.Port, final);
        if (result.Verdict == DetectionVerdict.Undecided) return;
        Decide(st, result, ts);
        if (st.Decoder != null) Replay(st);
        st.ReleaseBuffers();
    }

    private void Decide(FlowDecodingState st, DetectionResult result, CaptureTime ts)
    {
        st.Protocol = result.Protocol;
        st.Evidence = result.Evidence;
        if (result.Protocol == "tls") st.Encrypted = true;
        _sink.Emit(new ProtocolDetectedEvent(st.Flow.Id, ts, result.Protocol, result.Evidence));
        if (result.Verdict == DetectionVerdict.Decided && st.Flow.Transport == Transport.Tcp)
            st.Decoder = _registry.CreateStream(result.Protocol, st.Context, st);
        if (st.Decoder == null && st.DatagramDecoder == null) st.Stopped = true;
    }

    private void Replay(FlowDecodingState st)
    {
        foreach (var c in st.Chunks)
        {
            if (st.Stopped) break;
            var r = c.GapLength > 0
                ? Call(st, d => d.Gap(c.Direction, c.GapLength, c.Ts))
                : Feed(st, c.Direction, c.Data, c.Ts);
            Handle(st, r, c.Ts);
        }
    }

    private static DecodeResult Feed(FlowDecodingState st, Direction direction, ReadOnlySpan<byte> data, CaptureTime ts)
    {
        try
        {
            return st.Decoder!.Feed(direction, data, ts);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return DecodeResult.Malformed($"decoder failed: {e.GetType().Name}: {e.Message}");
        }
    }

    private static DecodeResult Call(FlowDecodingState st, Func<IStreamDecoder, DecodeResult> call)
    {
        try
        {
            return call(st.Decoder!);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Decoders must not throw; if one does, the flow is flagged and the capture goes on.
            return DecodeResult.Malformed($"decoder failed: {e.GetType().Name}: {e.Message}");
        }
    }

    private void Handle(FlowDecodingState st, DecodeResult r, CaptureTime ts)
    {
        switch (r.Status)
        {
            case DecodeStatus.Done:
                st.Stopped = true;
                break;
            case DecodeStatus.Malformed:
                st.Stopped = true;
                _sink.Emit(new AnomalyEvent(st.Flow.Id, ts, st.Decoder!.Protocol, $"decoding stopped: {r.Reason}"));
                break;
        }
    }
}
