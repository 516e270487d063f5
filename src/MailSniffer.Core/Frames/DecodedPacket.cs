using MailSniffer.Core.Capture;
using MailSniffer.Core.Flows;

namespace MailSniffer.Core.Frames;

/// <summary>
/// A frame decoded down to its transport header. A view into the source's buffer (or the fragment reassembler's):
/// valid only until the next packet is read.
/// </summary>
public ref struct DecodedPacket
{
    public CaptureTime Timestamp;
    public IpAddress128 Source;
    public IpAddress128 Destination;
    public Transport Transport;
    public ushort SourcePort;
    public ushort DestinationPort;
    /// <summary>TCP only.</summary>
    public uint Sequence;
    public uint Acknowledgment;
    public TcpFlags Flags;
    public ushort Window;
    /// <summary>Transport payload actually captured.</summary>
    public ReadOnlySpan<byte> Payload;
    /// <summary>
    /// Payload length the IP header claims. Larger than Payload.Length when the snaplen cut the frame: the missing tail
    /// is a gap, not absent data.
    /// </summary>
    public int PayloadLengthOnWire;
    /// <summary>True when a checksum was verified and wrong (offloading NICs produce these; the packet is still used).</summary>
    public bool BadChecksum;
}
