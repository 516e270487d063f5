namespace MailSniffer.Core.Frames;

/// <summary>What the frame decoder (and its fragment reassembler) saw: every frame is counted once by result.</summary>
public sealed class FrameDecoderStats
{
    public long Frames { get; internal set; }
    public long Ok { get; internal set; }
    public long NotTcpOrUdp { get; internal set; }
    public long UnsupportedLinkType { get; internal set; }
    public long Malformed { get; internal set; }
    /// <summary>Frames whose IP datagram was cut by the snap length (the missing tail becomes a gap downstream).</summary>
    public long SnaplenCut { get; internal set; }
    public long BadIpChecksums { get; internal set; }
    public long BadTransportChecksums { get; internal set; }
    /// <summary>Fragments stored while their datagram was incomplete.</summary>
    public long FragmentsHeld { get; internal set; }
    public long DatagramsReassembled { get; internal set; }
    /// <summary>Incomplete datagrams dropped because their fragments stopped arriving within the timeout.</summary>
    public long DatagramsExpired { get; internal set; }
    /// <summary>Incomplete datagrams evicted because the global byte or datagram cap was reached.</summary>
    public long DatagramsEvicted { get; internal set; }
    /// <summary>Fragments refused: beyond 64 KiB, conflicting last fragment, too scattered.</summary>
    public long FragmentsRejected { get; internal set; }
    /// <summary>Fragments that overlapped data already held (first-wins: the earlier bytes were kept).</summary>
    public long FragmentOverlaps { get; internal set; }

    public long ByResult(FrameDecodeResult result) => result switch
    {
        FrameDecodeResult.Ok => Ok,
        FrameDecodeResult.FragmentHeld => FragmentsHeld,
        FrameDecodeResult.NotTcpOrUdp => NotTcpOrUdp,
        FrameDecodeResult.UnsupportedLinkType => UnsupportedLinkType,
        FrameDecodeResult.Malformed => Malformed,
        _ => 0,
    };
}
