using MailSniffer.Core.Capture;
using MailSniffer.Core.Flows;

namespace MailSniffer.Decoders.Pipeline;

/// <summary>Bytes (or a gap) held while the protocol is being detected, replayed to the decoder in their original order.</summary>
internal sealed record BufferedChunk(Direction Direction, byte[] Data, long GapLength, CaptureTime Ts);
