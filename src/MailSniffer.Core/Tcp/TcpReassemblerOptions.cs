namespace MailSniffer.Core.Tcp;

public sealed class TcpReassemblerOptions
{
    /// <summary>Out-of-order bytes one connection may hold waiting for a hole to fill; past it the hole becomes a gap.</summary>
    public int MaxBufferedBytesPerConnection { get; init; } = 4 * 1024 * 1024;

    /// <summary>Out-of-order bytes all connections together may hold.</summary>
    public long MaxBufferedBytesTotal { get; init; } = 64L * 1024 * 1024;

    /// <summary>Connections (and UDP flows) tracked at once; the least recently active is closed (as a time-out) beyond it.</summary>
    public int MaxFlows { get; init; } = 100_000;

    /// <summary>A flow idle longer than this, in capture time, is closed as a time-out.</summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Packets of a connection to wait, after the receiver acknowledged past a hole, before declaring the hole lost.
    /// Captures reorder, and by whole offloaded super-segments: on loopback and with TSO a 64 KiB send that is captured
    /// late arrives 45+ frames after the ACK that covers it. Waiting costs only buffer space, which the caps bound.
    /// </summary>
    public int ReorderWindowPackets { get; init; } = 1024;

    /// <summary>...or this much capture time, whichever comes first (so a live view does not stall behind a lost segment).</summary>
    public TimeSpan ReorderWindowTime { get; init; } = TimeSpan.FromSeconds(2);
}
