using MailSniffer.Core.Capture;
using MailSniffer.Core.Flows;
using MailSniffer.Core.Frames;

namespace MailSniffer.Core.Tests.Frames;

/// <summary>A decoded packet copied out of the ref struct, for assertions.</summary>
internal sealed record Decoded(
    FrameDecodeResult Result, string Source, string Destination, Transport Transport, ushort SourcePort, ushort DestinationPort,
    uint Sequence, uint Acknowledgment, TcpFlags Flags, ushort Window, byte[] Payload, int PayloadLengthOnWire, bool BadChecksum, long Timestamp)
{
    public static Decoded Of(FrameDecoder decoder, byte[] frame, LinkType linkType, long timestampNs = 1_000_000_000)
    {
        var packet = new DecodedPacket();
        var raw = new RawPacket(frame, new CaptureTime(timestampNs), linkType, frame.Length);
        var r = decoder.Decode(raw, ref packet);
        return new Decoded(r, packet.Source.ToString(), packet.Destination.ToString(), packet.Transport, packet.SourcePort, packet.DestinationPort,
            packet.Sequence, packet.Acknowledgment, packet.Flags, packet.Window, packet.Payload.ToArray(), packet.PayloadLengthOnWire,
            packet.BadChecksum, packet.Timestamp.UnixNanoseconds);
    }
}
