namespace MailSniffer.TestSupport;

/// <summary>One packet as native libpcap (through SharpPcap) reads it: the second opinion our managed readers are checked against.</summary>
public sealed record LibpcapPacket(byte[] Data, long UnixNanoseconds, int LinkType, int OriginalLength);
