using System.Buffers.Binary;
using MailSniffer.Core.Capture;
using MailSniffer.Core.Flows;
using MailSniffer.Core.Frames;
using MailSniffer.TestSupport;

namespace MailSniffer.Core.Tests.Frames;

public sealed class FrameDecoderLinkTests
{
    private static readonly byte[] Payload = "EHLO mail.example.org\r\n"u8.ToArray();

    private static byte[] V4Tcp() => TestPackets.TcpIp("192.0.2.10", 51234, "198.51.100.7", 25, 0x01020304, 0xA0B0C0D0, TcpFlags.Psh | TcpFlags.Ack, Payload, window: 29200);
    private static byte[] V6Tcp() => TestPackets.TcpIp("2001:db8::10", 51234, "2001:db8:1::7", 587, 7, 9, TcpFlags.Ack, Payload);

    private static void AssertV4Tcp(Decoded d)
    {
        Assert.Equal(FrameDecodeResult.Ok, d.Result);
        Assert.Equal(("192.0.2.10", "198.51.100.7"), (d.Source, d.Destination));
        Assert.Equal(Transport.Tcp, d.Transport);
        Assert.Equal((51234, 25), ((int)d.SourcePort, (int)d.DestinationPort));
        Assert.Equal((0x01020304u, 0xA0B0C0D0u), (d.Sequence, d.Acknowledgment));
        Assert.Equal(TcpFlags.Psh | TcpFlags.Ack, d.Flags);
        Assert.Equal(29200, d.Window);
        Assert.Equal(Payload, d.Payload);
        Assert.Equal(Payload.Length, d.PayloadLengthOnWire);
        Assert.False(d.BadChecksum);
    }

    private static void AssertV6Tcp(Decoded d)
    {
        Assert.Equal(FrameDecodeResult.Ok, d.Result);
        Assert.Equal(("2001:db8::10", "2001:db8:1::7"), (d.Source, d.Destination));
        Assert.Equal((51234, 587), ((int)d.SourcePort, (int)d.DestinationPort));
        Assert.Equal(Payload, d.Payload);
        Assert.False(d.BadChecksum);
    }

    public static TheoryData<string, LinkType, bool> Encapsulations() => new()
    {
        { "ethernet", LinkType.Ethernet, false }, { "ethernet", LinkType.Ethernet, true },
        { "sll", LinkType.LinuxSll, false }, { "sll", LinkType.LinuxSll, true },
        { "sll2", LinkType.LinuxSll2, false }, { "sll2", LinkType.LinuxSll2, true },
        { "null-le", LinkType.Null, false }, { "null-le", LinkType.Null, true },
        { "null-be", LinkType.Null, false }, { "null-be", LinkType.Null, true },
        { "loop", LinkType.Loop, false }, { "loop", LinkType.Loop, true },
        { "raw", LinkType.Raw, false }, { "raw", LinkType.Raw, true },
        { "ipv4", LinkType.Ipv4, false }, { "ipv6", LinkType.Ipv6, true },
    };

    [Theory]
    [MemberData(nameof(Encapsulations))]
    public void Decodes_tcp_in_every_link_type(string wrapping, LinkType linkType, bool v6)
    {
        var ip = v6 ? V6Tcp() : V4Tcp();
        var frame = wrapping switch
        {
            "ethernet" => TestPackets.Ethernet(ip),
            "sll" => TestPackets.Sll(ip),
            "sll2" => TestPackets.Sll2(ip),
            "null-le" => TestPackets.Null(ip),
            "null-be" => TestPackets.Null(ip, bigEndianHost: true),
            "loop" => TestPackets.Loop(ip),
            _ => ip,
        };
        var d = Decoded.Of(new FrameDecoder(), frame, linkType);
        if (v6) AssertV6Tcp(d); else AssertV4Tcp(d);
    }

    [Theory]
    [InlineData(24u)]
    [InlineData(28u)]
    [InlineData(30u)]
    public void Null_link_accepts_every_bsd_ipv6_family(uint family)
    {
        AssertV6Tcp(Decoded.Of(new FrameDecoder(), TestPackets.Null(V6Tcp(), family: family), LinkType.Null));
        AssertV6Tcp(Decoded.Of(new FrameDecoder(), TestPackets.Null(V6Tcp(), bigEndianHost: true, family: family), LinkType.Null));
    }

    [Theory]
    [InlineData((ushort)0x8100, 1)]
    [InlineData((ushort)0x8100, 2)]
    [InlineData((ushort)0x88A8, 2)]
    [InlineData((ushort)0x9100, 3)]
    public void Vlan_and_qinq_tags_are_skipped(ushort outerTpid, int tagCount)
    {
        var vlans = Enumerable.Range(100, tagCount).Select(i => (ushort)i).ToArray();
        AssertV4Tcp(Decoded.Of(new FrameDecoder(), TestPackets.Ethernet(V4Tcp(), vlans, outerTpid), LinkType.Ethernet));
        AssertV6Tcp(Decoded.Of(new FrameDecoder(), TestPackets.Ethernet(V6Tcp(), vlans, outerTpid), LinkType.Ethernet));
    }

    [Fact]
    public void Vlan_tag_in_a_cooked_capture_is_skipped()
    {
        var sll = TestPackets.Sll(V4Tcp());
        // Insert an 802.1Q tag after the SLL header (protocol 0x8100, then TCI and the real type).
        var tagged = new byte[sll.Length + 4];
        sll.AsSpan(0, 14).CopyTo(tagged);
        BinaryPrimitives.WriteUInt16BigEndian(tagged.AsSpan(14), 0x8100);
        BinaryPrimitives.WriteUInt16BigEndian(tagged.AsSpan(16), 42);
        BinaryPrimitives.WriteUInt16BigEndian(tagged.AsSpan(18), 0x0800);
        sll.AsSpan(16).CopyTo(tagged.AsSpan(20));
        AssertV4Tcp(Decoded.Of(new FrameDecoder(), tagged, LinkType.LinuxSll));
    }

    [Fact]
    public void Too_many_vlan_tags_is_malformed()
    {
        var vlans = Enumerable.Repeat((ushort)5, FrameDecoder.MaxVlanTags + 1).ToArray();
        var decoder = new FrameDecoder();
        Assert.Equal(FrameDecodeResult.Malformed, Decoded.Of(decoder, TestPackets.Ethernet(V4Tcp(), vlans), LinkType.Ethernet).Result);
        Assert.Equal(1, decoder.Stats.Malformed);
    }

    [Fact]
    public void Ipv4_options_are_skipped()
    {
        // Record Route (7, length 11, pointer 4) + NOP padding.
        var withOptions = TestPackets.WithIpv4Options(V4Tcp(), [7, 11, 4, 0, 0, 0, 0, 0, 0, 0, 0, 1]);
        Assert.Equal(0x48, withOptions[0]);
        AssertV4Tcp(Decoded.Of(new FrameDecoder(), TestPackets.Ethernet(withOptions), LinkType.Ethernet));
    }

    [Theory]
    [InlineData(new byte[] { 0 })]
    [InlineData(new byte[] { 43 })]
    [InlineData(new byte[] { 60 })]
    [InlineData(new byte[] { 51 })]
    [InlineData(new byte[] { 0, 60, 43, 51, 60 })]
    public void Ipv6_extension_headers_are_walked(byte[] headers)
    {
        var ip = TestPackets.WithIpv6ExtensionHeaders(V6Tcp(), headers);
        AssertV6Tcp(Decoded.Of(new FrameDecoder(), TestPackets.Ethernet(ip), LinkType.Ethernet));
    }

    [Fact]
    public void Ipv6_esp_stops_the_walk()
    {
        var ip = TestPackets.WithIpv6ExtensionHeaders(V6Tcp(), 0);
        ip[40] = 50;   // hop-by-hop's next header: ESP
        var decoder = new FrameDecoder();
        Assert.Equal(FrameDecodeResult.NotTcpOrUdp, Decoded.Of(decoder, TestPackets.Ethernet(ip), LinkType.Ethernet).Result);
        Assert.Equal(1, decoder.Stats.NotTcpOrUdp);
    }

    [Fact]
    public void Ipv6_atomic_fragment_is_decoded_directly()
    {
        var ip = V6Tcp();
        var frag = TestPackets.Ipv6Fragments(ip, 4096, 77);
        Assert.Single(frag);
        AssertV6Tcp(Decoded.Of(new FrameDecoder(), TestPackets.Ethernet(frag[0]), LinkType.Ethernet));
    }

    [Fact]
    public void Udp_over_ipv4_and_ipv6()
    {
        var dns = new byte[] { 0x12, 0x34, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0 };
        foreach (var (s, d) in new[] { ("10.1.1.1", "10.1.1.53"), ("fe80::1", "fe80::53") })
        {
            var r = Decoded.Of(new FrameDecoder(), TestPackets.Udp(s, 33333, d, 53, dns), LinkType.Ethernet);
            Assert.Equal(FrameDecodeResult.Ok, r.Result);
            Assert.Equal(Transport.Udp, r.Transport);
            Assert.Equal((33333, 53), ((int)r.SourcePort, (int)r.DestinationPort));
            Assert.Equal(dns, r.Payload);
            Assert.Equal(dns.Length, r.PayloadLengthOnWire);
            Assert.False(r.BadChecksum);
        }
    }

    [Fact]
    public void Ethernet_padding_is_trimmed_by_the_ip_total_length()
    {
        var frame = TestPackets.Tcp("10.0.0.1", 1, "10.0.0.2", 2, 1, 1, TcpFlags.Ack);
        Assert.Equal(54, frame.Length);
        var padded = new byte[60];
        frame.CopyTo(padded, 0);
        padded[55] = 0xEE;
        var d = Decoded.Of(new FrameDecoder(), padded, LinkType.Ethernet);
        Assert.Equal(FrameDecodeResult.Ok, d.Result);
        Assert.Empty(d.Payload);
        Assert.Equal(0, d.PayloadLengthOnWire);
        Assert.False(d.BadChecksum);
    }

    [Fact]
    public void Snaplen_cut_payload_reports_the_length_on_the_wire_and_no_checksum_verdict()
    {
        var frame = TestPackets.Tcp("10.0.0.1", 1, "10.0.0.2", 25, 1, 1, TcpFlags.Ack, new byte[1000]);
        var decoder = new FrameDecoder();
        var cut = frame[..200];
        var packet = new DecodedPacket();
        var r = decoder.Decode(new RawPacket(cut, default, LinkType.Ethernet, frame.Length), ref packet);
        Assert.Equal(FrameDecodeResult.Ok, r);
        Assert.Equal(200 - 54, packet.Payload.Length);
        Assert.Equal(1000, packet.PayloadLengthOnWire);
        Assert.False(packet.BadChecksum);
        Assert.Equal(1, decoder.Stats.SnaplenCut);
    }

    [Fact]
    public void Snaplen_cut_inside_the_tcp_header_is_malformed()
    {
        var frame = TestPackets.Tcp("10.0.0.1", 1, "10.0.0.2", 25, 1, 1, TcpFlags.Ack, new byte[100]);
        Assert.Equal(FrameDecodeResult.Malformed, Decoded.Of(new FrameDecoder(), frame[..40], LinkType.Ethernet).Result);
    }

    [Fact]
    public void Bad_tcp_and_udp_checksums_are_counted_and_the_packet_is_kept()
    {
        var decoder = new FrameDecoder();
        var tcp = TestPackets.Tcp("10.0.0.1", 1, "10.0.0.2", 25, 1, 1, TcpFlags.Ack, Payload);
        tcp[^1] ^= 0x20;
        var d = Decoded.Of(decoder, tcp, LinkType.Ethernet);
        Assert.Equal(FrameDecodeResult.Ok, d.Result);
        Assert.True(d.BadChecksum);
        Assert.Equal(tcp[^Payload.Length..], d.Payload);

        var udp = TestPackets.Udp("2001:db8::1", 1, "2001:db8::2", 53, Payload);
        udp[^3] ^= 0x01;
        Assert.True(Decoded.Of(decoder, udp, LinkType.Ethernet).BadChecksum);

        Assert.Equal(2, decoder.Stats.BadTransportChecksums);
        Assert.Equal(2, decoder.Stats.Ok);
        Assert.Equal(0, decoder.Stats.BadIpChecksums);
    }

    [Fact]
    public void Bad_ipv4_header_checksum_is_counted_and_the_packet_is_kept()
    {
        var decoder = new FrameDecoder();
        var frame = TestPackets.Tcp("10.0.0.1", 1, "10.0.0.2", 25, 1, 1, TcpFlags.Ack, Payload);
        frame[14 + 8] = 1;   // TTL changed without fixing the checksum
        var d = Decoded.Of(decoder, frame, LinkType.Ethernet);
        Assert.Equal(FrameDecodeResult.Ok, d.Result);
        Assert.True(d.BadChecksum);
        Assert.Equal(1, decoder.Stats.BadIpChecksums);
        Assert.Equal(0, decoder.Stats.BadTransportChecksums);
    }

    [Fact]
    public void Transport_checksum_verification_can_be_turned_off()
    {
        var decoder = new FrameDecoder(verifyTransportChecksums: false);
        var tcp = TestPackets.Tcp("10.0.0.1", 1, "10.0.0.2", 25, 1, 1, TcpFlags.Ack, Payload);
        tcp[^1] ^= 0x20;
        Assert.False(Decoded.Of(decoder, tcp, LinkType.Ethernet).BadChecksum);
        Assert.Equal(0, decoder.Stats.BadTransportChecksums);
    }

    [Fact]
    public void Checksums_of_odd_and_all_lengths_verify()
    {
        var decoder = new FrameDecoder();
        var rng = new Random(3);
        var sizes = Enumerable.Range(0, 300).Concat(Enumerable.Range(0, 20).Select(k => 1000 + 37 * k)).Concat([8999, 40_000, 65_000]);
        foreach (int n in sizes)
        {
            var payload = new byte[n];
            rng.NextBytes(payload);
            Assert.False(Decoded.Of(decoder, TestPackets.Tcp("10.9.8.7", 4000, "10.0.0.2", 25, (uint)n, 1, TcpFlags.Ack, payload), LinkType.Ethernet).BadChecksum);
            Assert.False(Decoded.Of(decoder, TestPackets.Udp("2001:db8::5", 4000, "2001:db8::6", 53, payload), LinkType.Ethernet).BadChecksum);
            if (n < 2)
                continue;
            // And the verdict is not a constant: one flipped bit anywhere is caught.
            var broken = TestPackets.Tcp("10.9.8.7", 4000, "10.0.0.2", 25, (uint)n, 1, TcpFlags.Ack, payload);
            broken[54 + rng.Next(n)] ^= (byte)(1 << rng.Next(8));
            Assert.True(Decoded.Of(decoder, broken, LinkType.Ethernet).BadChecksum);
        }
        Assert.Equal(sizes.Count(n => n >= 2), decoder.Stats.BadTransportChecksums);
    }

    [Fact]
    public void Non_ip_and_non_tcp_udp_are_counted_not_decoded()
    {
        var decoder = new FrameDecoder();
        var arp = new byte[42];
        BinaryPrimitives.WriteUInt16BigEndian(arp.AsSpan(12), 0x0806);
        Assert.Equal(FrameDecodeResult.NotTcpOrUdp, Decoded.Of(decoder, arp, LinkType.Ethernet).Result);
        var icmp = TestPackets.Ethernet(V4Tcp());
        icmp[14 + 9] = 1;
        TestChecksums.FixIpv4Header(icmp.AsSpan(14));
        Assert.Equal(FrameDecodeResult.NotTcpOrUdp, Decoded.Of(decoder, icmp, LinkType.Ethernet).Result);
        Assert.Equal(2, decoder.Stats.NotTcpOrUdp);
    }

    [Fact]
    public void Unknown_link_type_is_counted()
    {
        var decoder = new FrameDecoder();
        Assert.Equal(FrameDecodeResult.UnsupportedLinkType, Decoded.Of(decoder, V4Tcp(), (LinkType)105).Result);
        Assert.Equal(1, decoder.Stats.UnsupportedLinkType);
        Assert.Equal(1, decoder.Stats.Frames);
    }
}
