namespace MailSniffer.Core.Capture;

/// <summary>
/// A stream of captured frames: a pcap/pcapng file read by managed code, or a live libpcap device.
/// Damage in the input never throws from <see cref="TryReadNext"/>: it ends the stream (or skips a block) and adds a warning.
/// </summary>
public interface IPacketSource : IDisposable
{
    /// <summary>Reads the next frame. The packet's data is valid until the next call.</summary>
    bool TryReadNext(out RawPacket packet);

    /// <summary>Human-readable problems met so far (truncated record, corrupt block, unknown link type...).</summary>
    IReadOnlyList<string> Warnings { get; }

    /// <summary>Bytes of input consumed so far (for progress and throughput).</summary>
    long BytesRead { get; }
}
