using MailSniffer.Core.Capture;
using MailSniffer.Core.Flows;
using MailSniffer.Core.Frames;
using MailSniffer.Core.Tcp;

namespace MailSniffer.Core.Engine;

/// <summary>
/// The capture stage end to end: frames from a packet source, decoded down to TCP/UDP, tracked and reassembled into
/// streams for one sink. Single-threaded and allocation-free per packet on the common path.
/// </summary>
public sealed class CaptureEngine
{
    private readonly IPacketSource _source;
    private readonly FrameDecoder _frames;
    private readonly FlowTracker _flows;

    public CaptureEngine(IPacketSource source, IStreamSink sink, TcpReassemblerOptions? options = null, FrameDecoder? frameDecoder = null)
    {
        _source = source;
        _frames = frameDecoder ?? new FrameDecoder();
        _flows = new FlowTracker(sink, options);
    }

    public CaptureEngineStats Stats { get; } = new();
    public TcpReassemblerStats TcpStats => _flows.TcpStats;
    public IReadOnlyList<string> Warnings => _source.Warnings;
    public bool Finished { get; private set; }

    /// <summary>Reads to the end of the source (or until cancelled), then closes every flow.</summary>
    public void Run(CancellationToken cancel = default)
    {
        while (!cancel.IsCancellationRequested && Step(int.MaxValue) > 0) { }
        Finish();
    }

    /// <summary>
    /// Processes up to <paramref name="maxPackets"/> frames; returns how many were read (0 at the end of the source).
    /// Lets a UI or a live loop interleave other work.
    /// </summary>
    public int Step(int maxPackets)
    {
        int n = 0;
        var packet = new DecodedPacket();
        while (n < maxPackets && _source.TryReadNext(out var raw))
        {
            n++;
            Stats.Frames++;
            switch (_frames.Decode(raw, ref packet))
            {
                case FrameDecodeResult.Ok:
                    if (packet.BadChecksum) Stats.BadChecksums++;
                    if (packet.Transport == Transport.Tcp) Stats.TcpPackets++; else Stats.UdpPackets++;
                    _flows.Process(packet);
                    break;
                case FrameDecodeResult.FragmentHeld: Stats.FragmentsHeld++; break;
                case FrameDecodeResult.NotTcpOrUdp: Stats.NotTcpOrUdp++; break;
                case FrameDecodeResult.UnsupportedLinkType: Stats.UnsupportedLinkType++; break;
                default: Stats.Malformed++; break;
            }
        }
        Stats.CaptureBytes = _source.BytesRead;
        return n;
    }

    public void Finish()
    {
        if (Finished) return;
        Finished = true;
        _flows.Finish();
    }
}
