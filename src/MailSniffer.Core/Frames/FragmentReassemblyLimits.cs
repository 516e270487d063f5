namespace MailSniffer.Core.Frames;

/// <summary>Bounds on what the fragment reassembler may hold, so hostile or lossy traffic cannot exhaust memory.</summary>
public sealed record FragmentReassemblyLimits
{
    /// <summary>Largest reassembled payload (the IP payload after the fixed header): 65,535 bytes.</summary>
    public int MaxDatagramBytes { get; init; } = 65_535;
    /// <summary>Cap on bytes held across all incomplete datagrams; past it the oldest datagram is evicted.</summary>
    public long MaxHeldBytes { get; init; } = 64L << 20;
    /// <summary>Cap on incomplete datagrams; past it the oldest is evicted.</summary>
    public int MaxPendingDatagrams { get; init; } = 4096;
    /// <summary>Disjoint pieces one datagram may be in before it is considered an attack and dropped.</summary>
    public int MaxPiecesPerDatagram { get; init; } = 256;
    /// <summary>An incomplete datagram older than this (capture time of its first fragment) is dropped.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);
}
