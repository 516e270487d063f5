namespace MailSniffer.Core.Frames;

public enum FrameDecodeResult : byte
{
    /// <summary>A TCP or UDP packet was decoded into the output.</summary>
    Ok,
    /// <summary>An IP fragment was stored; the datagram is not complete yet.</summary>
    FragmentHeld,
    /// <summary>Not IP, or IP carrying something other than TCP/UDP (ARP, ICMP...): counted and skipped.</summary>
    NotTcpOrUdp,
    /// <summary>Unknown link type.</summary>
    UnsupportedLinkType,
    /// <summary>Headers truncated or inconsistent: counted and skipped.</summary>
    Malformed,
}
