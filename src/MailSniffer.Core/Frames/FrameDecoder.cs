using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using MailSniffer.Core.Capture;
using MailSniffer.Core.Flows;

namespace MailSniffer.Core.Frames;

/// <summary>
/// Decodes a captured frame down to its TCP or UDP header without allocating: link layer (Ethernet with stacked
/// 802.1Q/802.1ad tags, Linux cooked v1/v2, BSD NULL/LOOP, raw IP), IPv4 (options, header checksum, fragments),
/// IPv6 (hop-by-hop, routing, destination options, fragment and AH headers), TCP and UDP. Nothing here throws on
/// hostile bytes: bad input is a <see cref="FrameDecodeResult"/> and a counter. Bad checksums are counted and flagged
/// but the packet is kept (offloading NICs write them on every outgoing packet).
/// </summary>
public sealed class FrameDecoder
{
    public const int MaxVlanTags = 8;
    public const int MaxIpv6ExtensionHeaders = 16;

    private const ushort EtherIpv4 = 0x0800;
    private const ushort EtherIpv6 = 0x86DD;
    private const byte ProtoTcp = 6;
    private const byte ProtoUdp = 17;

    private readonly bool _verifyTransportChecksums;

    /// <param name="verifyTransportChecksums">Verify TCP/UDP checksums (IPv4 header checksums are always checked: they are 20 bytes).</param>
    public FrameDecoder(bool verifyTransportChecksums = true, FragmentReassemblyLimits? fragmentLimits = null)
    {
        _verifyTransportChecksums = verifyTransportChecksums;
        Stats = new FrameDecoderStats();
        Reassembler = new IpFragmentReassembler(fragmentLimits, Stats);
    }

    public FrameDecoderStats Stats { get; }
    public IpFragmentReassembler Reassembler { get; }
    public bool VerifiesTransportChecksums => _verifyTransportChecksums;

    /// <summary>Decodes <paramref name="raw"/> into <paramref name="packet"/>; on anything but Ok the packet's contents are unspecified.</summary>
    public FrameDecodeResult Decode(in RawPacket raw, ref DecodedPacket packet) =>
        Decode(raw.Data, raw.LinkType, raw.Timestamp, ref packet);

    public FrameDecodeResult Decode(ReadOnlySpan<byte> frame, LinkType linkType, CaptureTime timestamp, ref DecodedPacket packet)
    {
        Stats.Frames++;
        packet = default;
        packet.Timestamp = timestamp;
        if (Reassembler.PendingDatagrams > 0)
            Reassembler.Expire(timestamp.UnixNanoseconds);
        var result = DecodeLink(frame, linkType, ref packet);
        switch (result)
        {
            case FrameDecodeResult.Ok: Stats.Ok++; break;
            case FrameDecodeResult.NotTcpOrUdp: Stats.NotTcpOrUdp++; break;
            case FrameDecodeResult.UnsupportedLinkType: Stats.UnsupportedLinkType++; break;
            case FrameDecodeResult.Malformed: Stats.Malformed++; break;
        }
        return result;
    }

    private FrameDecodeResult DecodeLink(ReadOnlySpan<byte> f, LinkType linkType, ref DecodedPacket packet)
    {
        int offset;
        int etherType;
        switch (linkType)
        {
            case LinkType.Ethernet:
                if (f.Length < 14)
                    return FrameDecodeResult.Malformed;
                etherType = BinaryPrimitives.ReadUInt16BigEndian(f[12..]);
                offset = 14;
                break;
            case LinkType.LinuxSll:
                if (f.Length < 16)
                    return FrameDecodeResult.Malformed;
                etherType = BinaryPrimitives.ReadUInt16BigEndian(f[14..]);
                offset = 16;
                break;
            case LinkType.LinuxSll2:
                if (f.Length < 20)
                    return FrameDecodeResult.Malformed;
                etherType = BinaryPrimitives.ReadUInt16BigEndian(f);
                offset = 20;
                break;
            case LinkType.Null:
            case LinkType.Loop:
                if (f.Length < 4)
                    return FrameDecodeResult.Malformed;
                uint family = linkType == LinkType.Loop ? BinaryPrimitives.ReadUInt32BigEndian(f) : BinaryPrimitives.ReadUInt32LittleEndian(f);
                // NULL is in the capturing host's byte order; families are small, so a big value means the other order.
                if (family > 0xFFFF)
                    family = BinaryPrimitives.ReverseEndianness(family);
                etherType = family switch
                {
                    2 => EtherIpv4,
                    24 or 28 or 30 => EtherIpv6,   // AF_INET6 on NetBSD/OpenBSD, FreeBSD, Darwin
                    _ => 0,
                };
                offset = 4;
                break;
            case LinkType.Raw:
                if (f.Length < 1)
                    return FrameDecodeResult.Malformed;
                etherType = (f[0] >> 4) switch { 4 => EtherIpv4, 6 => EtherIpv6, _ => 0 };
                offset = 0;
                break;
            case LinkType.Ipv4:
                etherType = EtherIpv4;
                offset = 0;
                break;
            case LinkType.Ipv6:
                etherType = EtherIpv6;
                offset = 0;
                break;
            default:
                return FrameDecodeResult.UnsupportedLinkType;
        }

        // VLAN tags: 802.1Q, 802.1ad and the pre-standard 0x9100, stacked (QinQ); cooked captures can carry them too.
        int tags = 0;
        while (etherType is 0x8100 or 0x88A8 or 0x9100)
        {
            if (++tags > MaxVlanTags || f.Length < offset + 4)
                return FrameDecodeResult.Malformed;
            etherType = BinaryPrimitives.ReadUInt16BigEndian(f[(offset + 2)..]);
            offset += 4;
        }

        return etherType switch
        {
            EtherIpv4 => DecodeIpv4(f[offset..], ref packet),
            EtherIpv6 => DecodeIpv6(f[offset..], ref packet),
            _ => FrameDecodeResult.NotTcpOrUdp,
        };
    }

    private FrameDecodeResult DecodeIpv4(ReadOnlySpan<byte> ip, ref DecodedPacket packet)
    {
        if (ip.Length < 20 || (ip[0] >> 4) != 4)
            return FrameDecodeResult.Malformed;
        int ihl = (ip[0] & 0x0F) * 4;
        if (ihl < 20 || ihl > ip.Length)
            return FrameDecodeResult.Malformed;
        int total = BinaryPrimitives.ReadUInt16BigEndian(ip[2..]);
        // Total length 0 is what TCP segmentation offload leaves in captures taken on the sender: trust the frame.
        if (total == 0)
            total = ip.Length;
        if (total < ihl)
            return FrameDecodeResult.Malformed;

        if (!InternetChecksum.IsValid(InternetChecksum.Sum(ip[..ihl])))
        {
            packet.BadChecksum = true;
            Stats.BadIpChecksums++;
        }

        byte protocol = ip[9];
        packet.Source = IpAddress128.FromV4(ip[12..]);
        packet.Destination = IpAddress128.FromV4(ip[16..]);
        if (protocol != ProtoTcp && protocol != ProtoUdp)
            return FrameDecodeResult.NotTcpOrUdp;

        int captured = total;
        if (total > ip.Length)
        {
            captured = ip.Length;
            Stats.SnaplenCut++;
        }
        // Ethernet pads short frames to 60 bytes; the IP total length says where the datagram really ends.
        var body = ip[ihl..captured];
        uint pseudo = InternetChecksum.Sum(ip.Slice(12, 8)) + protocol;

        ushort fragmentField = BinaryPrimitives.ReadUInt16BigEndian(ip[6..]);
        bool more = (fragmentField & 0x2000) != 0;
        int fragmentOffset = (fragmentField & 0x1FFF) * 8;
        if (!more && fragmentOffset == 0)
            return DecodeTransport(protocol, body, total - ihl, pseudo, ref packet);

        var key = new FragmentKey(packet.Source, packet.Destination, BinaryPrimitives.ReadUInt16BigEndian(ip[4..]), protocol);
        return Reassembled(key, fragmentOffset, more, body, pseudo, ref packet);
    }

    private FrameDecodeResult Reassembled(FragmentKey key, int offset, bool more, ReadOnlySpan<byte> data, uint pseudo, ref DecodedPacket packet)
    {
        var outcome = Reassembler.Add(key, offset, more, data, packet.Timestamp.UnixNanoseconds, out var payload);
        return outcome switch
        {
            FragmentOutcome.Held => FrameDecodeResult.FragmentHeld,
            FragmentOutcome.Completed => DecodeTransport(key.Protocol, payload, payload.Length, pseudo, ref packet),
            _ => FrameDecodeResult.Malformed,
        };
    }

    private FrameDecodeResult DecodeIpv6(ReadOnlySpan<byte> ip, ref DecodedPacket packet)
    {
        if (ip.Length < 40 || (ip[0] >> 4) != 6)
            return FrameDecodeResult.Malformed;
        packet.Source = IpAddress128.FromV6(ip[8..]);
        packet.Destination = IpAddress128.FromV6(ip[24..]);
        int payloadLength = BinaryPrimitives.ReadUInt16BigEndian(ip[4..]);
        byte next = ip[6];
        // Payload length 0 with a hop-by-hop header is a jumbogram; take what was captured.
        int wireEnd = payloadLength == 0 && next == 0 ? ip.Length : 40 + payloadLength;
        int capturedEnd = wireEnd;
        if (wireEnd > ip.Length)
        {
            capturedEnd = ip.Length;
            Stats.SnaplenCut++;
        }
        uint pseudo = InternetChecksum.Sum(ip.Slice(8, 32));
        return WalkIpv6Headers(next, ip[..capturedEnd], 40, wireEnd, pseudo, fragmentAllowed: true, ref packet);
    }

    private FrameDecodeResult WalkIpv6Headers(byte next, ReadOnlySpan<byte> span, int offset, int wireEnd, uint pseudo,
        bool fragmentAllowed, ref DecodedPacket packet)
    {
        for (int count = 0; count <= MaxIpv6ExtensionHeaders; count++)
        {
            switch (next)
            {
                case ProtoTcp:
                case ProtoUdp:
                    return DecodeTransport(next, span[offset..], wireEnd - offset, pseudo + next, ref packet);
                case 0:    // hop-by-hop
                case 43:   // routing
                case 60:   // destination options
                case 51:   // authentication header, length in 4-byte units
                    if (span.Length < offset + 8)
                        return FrameDecodeResult.Malformed;
                    int length = next == 51 ? (span[offset + 1] + 2) * 4 : (span[offset + 1] + 1) * 8;
                    next = span[offset];
                    offset += length;
                    if (offset > span.Length)
                        return FrameDecodeResult.Malformed;
                    break;
                case 44:   // fragment
                    if (span.Length < offset + 8 || !fragmentAllowed)
                        return FrameDecodeResult.Malformed;
                    byte upper = span[offset];
                    ushort field = BinaryPrimitives.ReadUInt16BigEndian(span[(offset + 2)..]);
                    int fragmentOffset = field & 0xFFF8;
                    bool more = (field & 1) != 0;
                    uint id = BinaryPrimitives.ReadUInt32BigEndian(span[(offset + 4)..]);
                    offset += 8;
                    if (fragmentOffset == 0 && !more)
                    {
                        next = upper;   // atomic fragment (RFC 6946): nothing to reassemble
                        fragmentAllowed = false;
                        break;
                    }
                    if (upper is not (ProtoTcp or ProtoUdp or 0 or 43 or 60 or 51))
                        return FrameDecodeResult.NotTcpOrUdp;
                    var key = new FragmentKey(packet.Source, packet.Destination, id, upper);
                    var outcome = Reassembler.Add(key, fragmentOffset, more, span[offset..], packet.Timestamp.UnixNanoseconds, out var payload);
                    if (outcome == FragmentOutcome.Held)
                        return FrameDecodeResult.FragmentHeld;
                    if (outcome == FragmentOutcome.Rejected)
                        return FrameDecodeResult.Malformed;
                    return WalkIpv6Headers(upper, payload, 0, payload.Length, pseudo, fragmentAllowed: false, ref packet);
                default:   // ESP, no next header, ICMPv6, anything else
                    return FrameDecodeResult.NotTcpOrUdp;
            }
        }
        return FrameDecodeResult.Malformed;
    }

    /// <param name="segment">The transport header and payload as captured.</param>
    /// <param name="wireLength">The transport length the IP layer claims (larger when the snap length cut the frame).</param>
    /// <param name="pseudo">Folded sum of the pseudo-header addresses and protocol (length is added here).</param>
    private FrameDecodeResult DecodeTransport(byte protocol, ReadOnlySpan<byte> segment, int wireLength, uint pseudo, ref DecodedPacket packet)
    {
        if (protocol == ProtoTcp)
        {
            if (segment.Length < 20)
                return FrameDecodeResult.Malformed;
            int dataOffset = (segment[12] >> 4) * 4;
            if (dataOffset < 20 || dataOffset > segment.Length)
                return FrameDecodeResult.Malformed;
            packet.Transport = Transport.Tcp;
            packet.SourcePort = BinaryPrimitives.ReadUInt16BigEndian(segment);
            packet.DestinationPort = BinaryPrimitives.ReadUInt16BigEndian(segment[2..]);
            packet.Sequence = BinaryPrimitives.ReadUInt32BigEndian(segment[4..]);
            packet.Acknowledgment = BinaryPrimitives.ReadUInt32BigEndian(segment[8..]);
            packet.Flags = (TcpFlags)segment[13];
            packet.Window = BinaryPrimitives.ReadUInt16BigEndian(segment[14..]);
            packet.Payload = segment[dataOffset..];
            packet.PayloadLengthOnWire = wireLength - dataOffset;
            if (_verifyTransportChecksums && segment.Length == wireLength)
                VerifyTransport(segment, pseudo, wireLength, ref packet);
            return FrameDecodeResult.Ok;
        }

        if (segment.Length < 8)
            return FrameDecodeResult.Malformed;
        int udpLength = BinaryPrimitives.ReadUInt16BigEndian(segment[4..]);
        if (udpLength < 8 || udpLength > wireLength)
            return FrameDecodeResult.Malformed;
        packet.Transport = Transport.Udp;
        packet.SourcePort = BinaryPrimitives.ReadUInt16BigEndian(segment);
        packet.DestinationPort = BinaryPrimitives.ReadUInt16BigEndian(segment[2..]);
        packet.Payload = segment[8..Math.Min(udpLength, segment.Length)];
        packet.PayloadLengthOnWire = udpLength - 8;
        // A zero UDP checksum means "not computed" (IPv4; IPv6 forbids it but tunnels send it anyway).
        if (_verifyTransportChecksums && segment.Length >= udpLength && (segment[6] | segment[7]) != 0)
            VerifyTransport(segment[..udpLength], pseudo, udpLength, ref packet);
        return FrameDecodeResult.Ok;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void VerifyTransport(ReadOnlySpan<byte> segment, uint pseudo, int length, ref DecodedPacket packet)
    {
        ulong sum = (ulong)InternetChecksum.Sum(segment) + pseudo + (uint)(length >> 16) + (uint)(length & 0xFFFF);
        if (!InternetChecksum.IsValid(InternetChecksum.Fold(sum)))
        {
            packet.BadChecksum = true;
            Stats.BadTransportChecksums++;
        }
    }
}
