using MailSniffer.Core.Capture;
using MailSniffer.Core.Flows;

namespace MailSniffer.Decoders;

/// <summary>A decoder for a message-per-datagram protocol (DNS over UDP).</summary>
public interface IDatagramDecoder
{
    string Protocol { get; }
    DecodeResult Datagram(Direction direction, ReadOnlySpan<byte> payload, CaptureTime timestamp);
}
