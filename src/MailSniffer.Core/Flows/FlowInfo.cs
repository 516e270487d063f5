using MailSniffer.Core.Capture;

namespace MailSniffer.Core.Flows;

/// <summary>
/// What is known about one TCP connection or UDP flow. Counters are updated by the reassembler as packets arrive;
/// consumers read them (never write them).
/// </summary>
public sealed class FlowInfo
{
    public FlowInfo(long id, Transport transport, IpEndpoint client, IpEndpoint server, CaptureTime start)
    {
        Id = id;
        Transport = transport;
        Client = client;
        Server = server;
        Start = start;
        End = start;
    }

    /// <summary>1-based, in order of first packet.</summary>
    public long Id { get; }
    public Transport Transport { get; }
    public IpEndpoint Client { get; internal set; }
    public IpEndpoint Server { get; internal set; }
    public CaptureTime Start { get; }
    public CaptureTime End { get; internal set; }
    public long Packets { get; internal set; }
    /// <summary>Payload bytes delivered in order (retransmitted bytes counted once; gaps not counted).</summary>
    public long BytesClientToServer { get; internal set; }
    public long BytesServerToClient { get; internal set; }
    public int Gaps { get; internal set; }
    public long GapBytes { get; internal set; }
    public FlowEndReason EndReason { get; internal set; } = FlowEndReason.CaptureEnd;
    /// <summary>True when the three-way handshake was seen; false when the connection was picked up mid-stream.</summary>
    public bool HandshakeSeen { get; internal set; }
    /// <summary>True when client and server were guessed (no SYN seen) rather than known.</summary>
    public bool RolesGuessed { get; internal set; }
    /// <summary>Out-of-order bytes dropped because a memory cap was reached (these become gaps).</summary>
    public long DroppedBytes { get; internal set; }

    /// <summary>
    /// A copy that no longer changes. The reassembler keeps counting a flow's packets after reporting its end (the last
    /// ACK after FIN), so a consumer on another thread must take the values as they were at that moment.
    /// </summary>
    public FlowInfo Snapshot() => new(Id, Transport, Client, Server, Start)
    {
        End = End,
        Packets = Packets,
        BytesClientToServer = BytesClientToServer,
        BytesServerToClient = BytesServerToClient,
        Gaps = Gaps,
        GapBytes = GapBytes,
        EndReason = EndReason,
        HandshakeSeen = HandshakeSeen,
        RolesGuessed = RolesGuessed,
        DroppedBytes = DroppedBytes,
    };

    public long Bytes(Direction d) => d == Direction.ClientToServer ? BytesClientToServer : BytesServerToClient;

    public override string ToString() => $"#{Id} {Transport.ToString().ToLowerInvariant()} {Client} -> {Server}";
}
