namespace MailSniffer.Core.Capture;

/// <summary>How to open a live capture device.</summary>
public sealed record LiveCaptureOptions
{
    public required string Device { get; init; }
    /// <summary>BPF filter expression (tcpdump syntax), applied in the kernel; null for everything.</summary>
    public string? Filter { get; init; }
    public int SnapLength { get; init; } = 262144;
    public bool Promiscuous { get; init; } = true;
    /// <summary>How long one libpcap read waits before <see cref="LiveCaptureSource"/> checks whether it was stopped.</summary>
    public TimeSpan ReadTimeout { get; init; } = TimeSpan.FromMilliseconds(200);
    /// <summary>When set, every packet is also written here (the <c>-w FILE</c> of live capture) before it is handed out.</summary>
    public PcapNgWriter? Tee { get; init; }
    /// <summary>Size of the kernel's capture ring; null for libpcap's default (2 MiB, under a second of a busy link).
    /// A larger ring rides out consumer stalls (a GC, an interactive UI) instead of losing packets.</summary>
    public int? KernelBufferBytes { get; init; }
}
