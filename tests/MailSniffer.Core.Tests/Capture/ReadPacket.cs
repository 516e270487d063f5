using MailSniffer.Core.Capture;

namespace MailSniffer.Core.Tests.Capture;

/// <summary>A packet copied out of a source (RawPacket is only valid until the next read).</summary>
internal sealed record ReadPacket(byte[] Data, long UnixNanoseconds, LinkType LinkType, int OriginalLength, int InterfaceId);
