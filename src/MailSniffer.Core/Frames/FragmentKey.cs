namespace MailSniffer.Core.Frames;

/// <summary>Identifies one IP datagram being reassembled: (source, destination, identification, protocol).</summary>
/// <remarks>For IPv6 the protocol is the Next Header of the fragment header, the same in every fragment (RFC 8200 §4.5).</remarks>
public readonly record struct FragmentKey(IpAddress128 Source, IpAddress128 Destination, uint Identification, byte Protocol);
