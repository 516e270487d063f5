namespace MailSniffer.Core.Tcp;

/// <summary>Counters of what the reassembler saw and did (reported by `flows` and the benchmarks).</summary>
public sealed class TcpReassemblerStats
{
    public long Packets;
    public long PayloadBytes;
    public long RetransmittedBytes;
    public long OutOfOrderSegments;
    public long GapsDeclared;
    public long GapBytes;
    /// <summary>Holes given up because a buffer cap was reached (their bytes counted in GapBytes too).</summary>
    public long HolesForcedByMemoryCap;
    public long ConnectionsOpened;
    public long ConnectionsEvicted;
    public long ConnectionsTimedOut;
    public long PortReuses;
    /// <summary>Packets for a connection that had already closed (trailing ACKs, RST after FIN...), ignored.</summary>
    public long LatePackets;
    /// <summary>Pure ACKs and other empty segments that opened nothing.</summary>
    public long IgnoredEmptySegments;
    public long PeakBufferedBytes;
}
