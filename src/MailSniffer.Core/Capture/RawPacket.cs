namespace MailSniffer.Core.Capture;

/// <summary>
/// One captured frame as a view into the reader's buffer. Valid only until the source's next read; copy what must outlive it.
/// </summary>
public readonly ref struct RawPacket
{
    public RawPacket(ReadOnlySpan<byte> data, CaptureTime timestamp, LinkType linkType, int originalLength, int interfaceId = 0)
    {
        Data = data;
        Timestamp = timestamp;
        LinkType = linkType;
        OriginalLength = originalLength;
        InterfaceId = interfaceId;
    }

    public ReadOnlySpan<byte> Data { get; }
    public CaptureTime Timestamp { get; }
    public LinkType LinkType { get; }
    /// <summary>Length on the wire; larger than Data.Length when the snaplen cut the frame.</summary>
    public int OriginalLength { get; }
    public int InterfaceId { get; }
}
