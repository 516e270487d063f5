namespace MailSniffer.Core.Engine;

/// <summary>What the engine read and what it could not use; printed by `flows` and by benchmarks.</summary>
public sealed class CaptureEngineStats
{
    public long Frames;
    public long CaptureBytes;
    public long TcpPackets;
    public long UdpPackets;
    public long FragmentsHeld;
    public long NotTcpOrUdp;
    public long UnsupportedLinkType;
    public long Malformed;
    public long BadChecksums;
}
