using System.Net;
using System.Text;
using MailSniffer.Core.Capture;
using MailSniffer.Core.Flows;
using MailSniffer.Core.Frames;
using MailSniffer.Core.Tcp;

namespace MailSniffer.Core.Tests.Tcp;

/// <summary>
/// Writes a TCP conversation as a list of segments (client/server, relative sequence numbers, flags, payload) and feeds it
/// to a <see cref="FlowTracker"/> directly. The same segments are turned into real frames by the file-based tests.
/// </summary>
public sealed class TcpScript
{
    public sealed record Segment(bool FromClient, uint Seq, uint Ack, TcpFlags Flags, byte[] Payload, int WireLength, long TimeUs);

    public IPAddress ClientIp { get; init; } = IPAddress.Parse("10.0.0.1");
    public IPAddress ServerIp { get; init; } = IPAddress.Parse("10.0.0.2");
    public ushort ClientPort { get; init; } = 40000;
    public ushort ServerPort { get; init; } = 25;
    public uint ClientIsn { get; init; } = 1000;
    public uint ServerIsn { get; init; } = 5000;
    public List<Segment> Segments { get; } = new();
    private long _time = 1_700_000_000_000_000;

    /// <summary>Client sends bytes at client-relative offset (0 = first data byte).</summary>
    public TcpScript C(uint offset, string data, uint ackOffset = 0, TcpFlags extra = 0, int? wire = null) =>
        Add(true, ClientIsn + 1 + offset, ServerIsn + 1 + ackOffset, TcpFlags.Ack | TcpFlags.Psh | extra, data, wire);

    public TcpScript S(uint offset, string data, uint ackOffset = 0, TcpFlags extra = 0, int? wire = null) =>
        Add(false, ServerIsn + 1 + offset, ClientIsn + 1 + ackOffset, TcpFlags.Ack | TcpFlags.Psh | extra, data, wire);

    public TcpScript Handshake()
    {
        Add(true, ClientIsn, 0, TcpFlags.Syn, "", null);
        Add(false, ServerIsn, ClientIsn + 1, TcpFlags.Syn | TcpFlags.Ack, "", null);
        Add(true, ClientIsn + 1, ServerIsn + 1, TcpFlags.Ack, "", null);
        return this;
    }

    public TcpScript Raw(bool fromClient, uint seq, uint ack, TcpFlags flags, string data = "", int? wire = null) =>
        Add(fromClient, seq, ack, flags, data, wire);

    public TcpScript Add(bool fromClient, uint seq, uint ack, TcpFlags flags, string data, int? wire)
    {
        var bytes = Encoding.Latin1.GetBytes(data);
        Segments.Add(new Segment(fromClient, seq, ack, flags, bytes, wire ?? bytes.Length, _time));
        _time += 1000;
        return this;
    }

    public RecordingSink Run(TcpReassemblerOptions? options = null)
    {
        var sink = new RecordingSink();
        var tracker = new FlowTracker(sink, options);
        Feed(tracker);
        tracker.Finish();
        return sink;
    }

    public void Feed(FlowTracker tracker)
    {
        var c = IpAddress128.FromIPAddress(ClientIp);
        var s = IpAddress128.FromIPAddress(ServerIp);
        foreach (var seg in Segments)
        {
            var p = new DecodedPacket
            {
                Timestamp = new CaptureTime(seg.TimeUs * 1000),
                Source = seg.FromClient ? c : s,
                Destination = seg.FromClient ? s : c,
                SourcePort = seg.FromClient ? ClientPort : ServerPort,
                DestinationPort = seg.FromClient ? ServerPort : ClientPort,
                Transport = Transport.Tcp,
                Sequence = seg.Seq,
                Acknowledgment = seg.Ack,
                Flags = seg.Flags,
                Window = 65535,
                Payload = seg.Payload,
                PayloadLengthOnWire = seg.WireLength,
            };
            tracker.Process(p);
        }
    }
}
