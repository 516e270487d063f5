using MailSniffer.Core.Capture;

namespace MailSniffer.Core.Flows;

/// <summary>A flow held in a tracker's table, linked into its least-recently-active list for time-outs and eviction.</summary>
public abstract class TrackedFlow
{
    protected TrackedFlow(FlowInfo info, FlowKey key, bool clientIsA)
    {
        Info = info;
        Key = key;
        ClientIsA = clientIsA;
    }

    public FlowInfo Info { get; }
    public FlowKey Key { get; }
    /// <summary>True when the client is the key's endpoint A.</summary>
    public bool ClientIsA { get; }
    public CaptureTime LastSeen { get; set; }

    internal TrackedFlow? OlderLink;
    internal TrackedFlow? NewerLink;
    internal bool Linked;

    public Direction DirectionOf(bool sourceIsA) => sourceIsA == ClientIsA ? Direction.ClientToServer : Direction.ServerToClient;
}
