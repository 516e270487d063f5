using MailSniffer.Core.Flows;

namespace MailSniffer.Core.Tcp;

/// <summary>One TCP connection: its flow record and its two directions.</summary>
internal sealed class TcpConnection : TrackedFlow
{
    public TcpConnection(TcpReassembler owner, FlowInfo info, FlowKey key, bool clientIsA) : base(info, key, clientIsA)
    {
        ClientToServer = new TcpHalfStream(owner, Direction.ClientToServer);
        ServerToClient = new TcpHalfStream(owner, Direction.ServerToClient);
    }

    public TcpHalfStream ClientToServer { get; }
    public TcpHalfStream ServerToClient { get; }
    public bool SynSeen { get; set; }
    public bool SynAckSeen { get; set; }
    public long PacketCount { get; set; }

    /// <summary>Set when the connection leaves the table: segment handling checks it after each step that may close it.</summary>
    public bool Closed { get; set; }

    /// <summary>Data held back until the other direction's missing bytes arrive or are declared lost (see TcpReassembler).</summary>
    public List<DeferredSegment> Deferred { get; } = new();
    public Direction DeferredDirection { get; set; }
    public int DeferredBytes { get; set; }

    public TcpHalfStream Half(Direction d) => d == Direction.ClientToServer ? ClientToServer : ServerToClient;
}
