using MailSniffer.Core.Capture;
using MailSniffer.Core.Frames;
using MailSniffer.Core.Tcp;

namespace MailSniffer.Core.Flows;

/// <summary>The transport stage: decoded packets in, TCP streams and UDP datagrams out to one <see cref="IStreamSink"/>.</summary>
public sealed class FlowTracker
{
    private readonly TcpReassembler _tcp;
    private readonly UdpFlowTable _udp;
    private CaptureTime _last;

    public FlowTracker(IStreamSink sink, TcpReassemblerOptions? options = null)
    {
        var ids = new FlowIdAllocator();
        options ??= new TcpReassemblerOptions();
        _tcp = new TcpReassembler(sink, options, ids);
        // UDP flows (DNS) are short-lived: a minute of silence ends one.
        _udp = new UdpFlowTable(sink, ids, TimeSpan.FromSeconds(Math.Min(60, options.IdleTimeout.TotalSeconds)), options.MaxFlows);
    }

    public TcpReassemblerStats TcpStats => _tcp.Stats;

    public void Process(in DecodedPacket p)
    {
        if (p.Timestamp > _last) _last = p.Timestamp;
        if (p.Transport == Transport.Tcp) _tcp.Process(p);
        else _udp.Process(p);
    }

    /// <summary>For live capture: close flows idle past the time-out even when no packet arrives.</summary>
    public void ExpireIdle(CaptureTime now)
    {
        _tcp.ExpireIdle(now);
        _udp.ExpireIdle(now);
    }

    public void Finish()
    {
        _tcp.Finish(_last);
        _udp.Finish();
    }
}
