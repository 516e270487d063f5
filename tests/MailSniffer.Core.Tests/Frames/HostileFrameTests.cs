using MailSniffer.Core.Capture;
using MailSniffer.Core.Frames;
using MailSniffer.TestSupport;

namespace MailSniffer.Core.Tests.Frames;

/// <summary>Truncated, mutated and random frames: the decoder must classify every one and never throw.</summary>
public sealed class HostileFrameTests
{
    private static IEnumerable<(byte[] Frame, LinkType LinkType)> ValidFrames()
    {
        var v4 = TestPackets.TcpIp("10.0.0.1", 1, "10.0.0.2", 25, 1, 1, TcpFlags.Ack, new byte[40]);
        var v6 = TestPackets.WithIpv6ExtensionHeaders(TestPackets.TcpIp("2001:db8::1", 1, "2001:db8::2", 25, 1, 1, TcpFlags.Ack, new byte[40]), 0, 60, 51);
        var v4opt = TestPackets.WithIpv4Options(v4, [7, 7, 4, 0, 0, 0, 0]);
        var udp6 = TestPackets.UdpIp("2001:db8::1", 53, "2001:db8::2", 5353, new byte[30]);
        foreach (var ip in new[] { v4, v6, v4opt, udp6 })
        {
            yield return (TestPackets.Ethernet(ip, [1, 2]), LinkType.Ethernet);
            yield return (TestPackets.Sll(ip), LinkType.LinuxSll);
            yield return (TestPackets.Sll2(ip), LinkType.LinuxSll2);
            yield return (TestPackets.Null(ip), LinkType.Null);
            yield return (TestPackets.Loop(ip), LinkType.Loop);
            yield return (ip, LinkType.Raw);
        }
        foreach (var f in TestPackets.Ipv6Fragments(udp6, 16, 5))
            yield return (f, LinkType.Raw);
        foreach (var f in TestPackets.Ipv4Fragments(TestPackets.UdpIp("10.0.0.1", 53, "10.0.0.2", 5353, new byte[300]), 64))
            yield return (f, LinkType.Ipv4);
    }

    [Fact]
    public void Every_truncation_of_every_valid_frame_is_classified()
    {
        var decoder = new FrameDecoder();
        long frames = 0;
        foreach (var (frame, linkType) in ValidFrames())
        {
            for (int n = 0; n <= frame.Length; n++)
            {
                var packet = new DecodedPacket();
                var r = decoder.Decode(frame.AsSpan(0, n), linkType, new CaptureTime(n), ref packet);
                Assert.True(Enum.IsDefined(r));
                if (r == FrameDecodeResult.Ok)
                    Assert.True(packet.Payload.Length <= packet.PayloadLengthOnWire);
                frames++;
            }
        }
        Assert.Equal(frames, decoder.Stats.Frames);
        Assert.Equal(frames, decoder.Stats.Ok + decoder.Stats.NotTcpOrUdp + decoder.Stats.Malformed + decoder.Stats.UnsupportedLinkType
            + decoder.Stats.FragmentsHeld);
    }


    [Fact]
    public void Random_mutations_never_throw()
    {
        var rng = new Random(12345);
        var decoder = new FrameDecoder(fragmentLimits: new FragmentReassemblyLimits { MaxHeldBytes = 1 << 20 });
        var valid = ValidFrames().ToList();
        for (int i = 0; i < 200_000; i++)
        {
            var (frame, linkType) = valid[rng.Next(valid.Count)];
            var mutated = (byte[])frame.Clone();
            int flips = rng.Next(1, 6);
            for (int k = 0; k < flips; k++)
                mutated[rng.Next(mutated.Length)] = (byte)rng.Next(256);
            var packet = new DecodedPacket();
            var r = decoder.Decode(mutated.AsSpan(0, rng.Next(mutated.Length + 1)), linkType, new CaptureTime(i * 1000L), ref packet);
            if (r == FrameDecodeResult.Ok)
                Assert.True(packet.Payload.Length <= packet.PayloadLengthOnWire);
        }
        Assert.True(decoder.Reassembler.HeldBytes <= (1 << 20) + 2 * 65_536);
    }

    [Fact]
    public void Random_bytes_in_every_link_type_never_throw()
    {
        var rng = new Random(99);
        var decoder = new FrameDecoder();
        var buffer = new byte[256];
        foreach (var linkType in Enum.GetValues<LinkType>())
        {
            for (int i = 0; i < 20_000; i++)
            {
                rng.NextBytes(buffer);
                var packet = new DecodedPacket();
                decoder.Decode(buffer.AsSpan(0, rng.Next(buffer.Length)), linkType, default, ref packet);
            }
        }
        Assert.Equal(20_000 * Enum.GetValues<LinkType>().Length, decoder.Stats.Frames);
    }
}
