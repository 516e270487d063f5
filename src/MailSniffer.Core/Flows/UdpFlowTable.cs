using MailSniffer.Core.Capture;
using MailSniffer.Core.Frames;

namespace MailSniffer.Core.Flows;

/// <summary>
/// Groups UDP datagrams into flows (both directions of one address/port pair). The client is the first sender unless
/// ports say otherwise (a reply from port 53 seen before its query). Flows end by idle time-out or at capture end.
/// </summary>
public sealed class UdpFlowTable
{
    private readonly Dictionary<FlowKey, UdpFlow> _table = new();
    private readonly FlowActivityList _activity = new();
    private readonly IStreamSink _sink;
    private readonly FlowIdAllocator _ids;
    private readonly TimeSpan _idleTimeout;
    private readonly int _maxFlows;

    public UdpFlowTable(IStreamSink sink, FlowIdAllocator ids, TimeSpan idleTimeout, int maxFlows)
    {
        _sink = sink;
        _ids = ids;
        _idleTimeout = idleTimeout;
        _maxFlows = maxFlows;
    }

    public void Process(in DecodedPacket p)
    {
        ExpireIdle(p.Timestamp);
        var key = FlowKey.Create(Transport.Udp, p.Source, p.SourcePort, p.Destination, p.DestinationPort, out bool srcIsA);
        if (!_table.TryGetValue(key, out var flow))
        {
            if (_table.Count >= _maxFlows && _activity.Oldest is UdpFlow victim) Close(victim, FlowEndReason.Timeout);
            bool senderIsServer = RoleGuesser.SenderLooksLikeServer(p.SourcePort, p.DestinationPort, default)
                                  && (p.SourcePort < 1024 || p.SourcePort == 5353);
            bool clientIsA = senderIsServer ? !srcIsA : srcIsA;
            var a = new IpEndpoint(key.AddressA.ToIPAddress(), key.PortA);
            var b = new IpEndpoint(key.AddressB.ToIPAddress(), key.PortB);
            var info = new FlowInfo(_ids.Next(), Transport.Udp, clientIsA ? a : b, clientIsA ? b : a, p.Timestamp);
            flow = new UdpFlow(info, key, clientIsA);
            _table[key] = flow;
            _sink.FlowStarted(info);
        }
        var dir = flow.DirectionOf(srcIsA);
        flow.Info.Packets++;
        flow.Info.End = p.Timestamp;
        flow.LastSeen = p.Timestamp;
        _activity.Touch(flow);
        if (dir == Direction.ClientToServer) flow.Info.BytesClientToServer += p.Payload.Length;
        else flow.Info.BytesServerToClient += p.Payload.Length;
        _sink.Datagram(flow.Info, dir, p.Payload, p.Timestamp);
    }

    public void ExpireIdle(CaptureTime now)
    {
        long limit = now.UnixNanoseconds - _idleTimeout.Ticks * 100;
        while (_activity.Oldest is UdpFlow old && old.LastSeen.UnixNanoseconds < limit) Close(old, FlowEndReason.Timeout);
    }

    public void Finish()
    {
        foreach (var f in _table.Values.OrderBy(f => f.Info.Id).ToList()) Close(f, FlowEndReason.CaptureEnd);
    }

    private void Close(UdpFlow flow, FlowEndReason reason)
    {
        if (!_table.Remove(flow.Key)) return;
        _activity.Remove(flow);
        flow.Info.EndReason = reason;
        _sink.FlowEnded(flow.Info);
    }
}
