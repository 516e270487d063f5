using MailSniffer.Core.Capture;

namespace MailSniffer.Cli.Input;

/// <summary>Where packets come from, as the user asked for them.</summary>
internal sealed record CaptureInputSpec(string? File, string? Interface, string? Filter, int Snaplen, bool Promiscuous,
    string? WriteFile, double? DurationSeconds)
{
    public bool IsLive => Interface != null;

    /// <summary>Opens the source. Throws CaptureFormatException / CaptureUnavailableException / IOException with clear messages.</summary>
    /// <param name="kernelBufferBytes">Live only: the kernel capture ring (null: libpcap's default).</param>
    public IPacketSource Open(int? kernelBufferBytes = null) => IsLive
        ? LiveSourceFactory.Open(this, kernelBufferBytes)
        : CaptureFile.Open(File!);
}
