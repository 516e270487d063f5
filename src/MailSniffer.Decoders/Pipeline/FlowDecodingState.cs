using MailSniffer.Core.Capture;
using MailSniffer.Core.Flows;
using MailSniffer.Decoders.Events;

namespace MailSniffer.Decoders.Pipeline;

/// <summary>
/// The host's state for one flow. While detecting it holds the first bytes (at most the window per direction); once
/// decided it holds only the decoder. It also taps the decoder's events to notice when the flow became encrypted.
/// </summary>
internal sealed class FlowDecodingState : IMailEventSink
{
    private readonly IMailEventSink _downstream;

    public FlowDecodingState(FlowInfo flow, IMailEventSink downstream)
    {
        Flow = flow;
        Context = new FlowContext(flow.Id, flow.Client, flow.Server);
        _downstream = downstream;
    }

    public FlowInfo Flow { get; }
    public FlowContext Context { get; }
    public List<BufferedChunk> Chunks { get; } = new();
    /// <summary>Bytes held per direction (all chunks).</summary>
    public int[] Held { get; } = new int[2];
    /// <summary>Bytes of each direction since its last gap: what the detector looks at.</summary>
    public MemoryStream[] SinceGap { get; } = [new MemoryStream(), new MemoryStream()];
    public string? Protocol { get; set; }
    public string Evidence { get; set; } = "";
    public IStreamDecoder? Decoder { get; set; }
    public IDatagramDecoder? DatagramDecoder { get; set; }
    public int DatagramsRejected { get; set; }
    /// <summary>No more input goes to the decoder (it finished, failed, or there is none).</summary>
    public bool Stopped { get; set; }
    public bool Encrypted { get; set; }

    public bool Detecting => Protocol == null;

    public void ReleaseBuffers()
    {
        Chunks.Clear();
        Held[0] = Held[1] = 0;
        foreach (var s in SinceGap) s.Dispose();
    }

    public FlowProtocolInfo Info => new(Flow.Id, Protocol ?? "unknown", Evidence, Encrypted);

    public void Emit(MailEvent e)
    {
        if (e is TlsEvent) Encrypted = true;
        _downstream.Emit(e);
    }

    public CaptureTime LastTs => Chunks.Count > 0 ? Chunks[^1].Ts : Flow.End;
}
