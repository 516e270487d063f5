using MailSniffer.Core.Capture;
using MailSniffer.Core.Flows;

namespace MailSniffer.Tui.Packets;

/// <summary>
/// Remembers which frames belong to which connection while the capture is read (capture thread), and gives a
/// conversation's frames back later (any thread). Bounded: a 1 GB file or a long live capture cannot exhaust memory.
/// </summary>
public interface IPacketStore
{
    /// <summary>Called for every frame that decoded to TCP or UDP, in capture order.</summary>
    void Record(long number, in RawPacket raw, FlowKey key);

    /// <summary>The frames of <paramref name="key"/> seen in [from, until) (capture time, ns). May read the file again: call off the UI thread.</summary>
    PacketListing Fetch(FlowKey key, long fromNs, long untilNs, CancellationToken cancel);
}
