using MailSniffer.Core.Capture;

namespace MailSniffer.Core.Tcp;

/// <summary>An out-of-order segment waiting for the bytes before it. Data lives in a pooled array.</summary>
internal struct BufferedSegment
{
    public long Offset;
    public byte[] Data;
    public int Length;
    /// <summary>Bytes the segment had on the wire (more than Length when the snaplen cut it).</summary>
    public int WireLength;
    public CaptureTime Timestamp;

    public readonly long End => Offset + WireLength;
}
