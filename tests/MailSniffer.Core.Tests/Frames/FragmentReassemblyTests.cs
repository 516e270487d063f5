using MailSniffer.Core.Capture;
using MailSniffer.Core.Flows;
using MailSniffer.Core.Frames;
using MailSniffer.TestSupport;

namespace MailSniffer.Core.Tests.Frames;

public sealed class FragmentReassemblyTests
{
    private static readonly byte[] Dns = Enumerable.Range(0, 1200).Select(i => (byte)(i * 7 + 3)).ToArray();

    private static byte[] V4Udp(ushort id = 4242) => TestPackets.UdpIp("192.0.2.53", 53, "192.0.2.1", 40001, Dns, ipId: id);
    private static byte[] V6Udp() => TestPackets.UdpIp("2001:db8::53", 53, "2001:db8::1", 40001, Dns);

    private static List<byte[]> Fragments(bool v6, int chunk = 400) =>
        (v6 ? TestPackets.Ipv6Fragments(V6Udp(), chunk, 0xDEADBEEF) : TestPackets.Ipv4Fragments(V4Udp(), chunk))
        .Select(f => TestPackets.Ethernet(f)).ToList();

    private static List<Decoded> Feed(FrameDecoder decoder, IEnumerable<byte[]> frames, long startNs = 1_000_000_000, long stepNs = 1_000_000)
    {
        var list = new List<Decoded>();
        long t = startNs;
        foreach (var f in frames)
        {
            list.Add(Decoded.Of(decoder, f, LinkType.Ethernet, t));
            t += stepNs;
        }
        return list;
    }

    private static void AssertWholeDatagram(Decoded d)
    {
        Assert.Equal(FrameDecodeResult.Ok, d.Result);
        Assert.Equal(Transport.Udp, d.Transport);
        Assert.Equal((53, 40001), ((int)d.SourcePort, (int)d.DestinationPort));
        Assert.Equal(Dns, d.Payload);
        Assert.False(d.BadChecksum);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void In_order(bool v6)
    {
        var decoder = new FrameDecoder();
        var frags = Fragments(v6);
        Assert.True(frags.Count >= 3);
        var results = Feed(decoder, frags);
        Assert.All(results[..^1], r => Assert.Equal(FrameDecodeResult.FragmentHeld, r.Result));
        AssertWholeDatagram(results[^1]);
        Assert.Equal(1, decoder.Stats.DatagramsReassembled);
        Assert.Equal(frags.Count - 1, decoder.Stats.FragmentsHeld);
        Assert.Equal(0, decoder.Reassembler.PendingDatagrams);
        Assert.Equal(0, decoder.Reassembler.HeldBytes);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Reversed(bool v6)
    {
        var decoder = new FrameDecoder();
        var frags = Fragments(v6);
        frags.Reverse();
        var results = Feed(decoder, frags);
        Assert.All(results[..^1], r => Assert.Equal(FrameDecodeResult.FragmentHeld, r.Result));
        AssertWholeDatagram(results[^1]);
        // The reassembled datagram carries the time of the fragment that completed it.
        Assert.Equal(1_000_000_000 + (frags.Count - 1) * 1_000_000L, results[^1].Timestamp);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Shuffled_with_duplicates(bool v6)
    {
        var decoder = new FrameDecoder();
        var frags = Fragments(v6, 64);
        var order = frags.Concat(frags.Take(3)).OrderBy(_ => Guid.NewGuid()).ToList();
        // Whatever the order, exactly one Ok comes out, when the last missing piece arrives.
        var results = Feed(decoder, order);
        var ok = Assert.Single(results, r => r.Result == FrameDecodeResult.Ok);
        AssertWholeDatagram(ok);
    }

    [Fact]
    public void Overlapping_ipv4_fragments_keep_the_first_bytes()
    {
        var ip = V4Udp();
        var frags = TestPackets.Ipv4Fragments(ip, 400);
        // A rogue fragment at offset 400 with different bytes, sent before the genuine one.
        var rogue = (byte[])frags[1].Clone();
        for (int i = 20; i < rogue.Length; i++)
            rogue[i] = 0x41;
        var decoder = new FrameDecoder();
        Assert.Equal(4, frags.Count);   // 1208 bytes of UDP in 400-byte pieces
        var results = Feed(decoder, new[] { frags[0], rogue }.Concat(frags.Skip(1)).Select(f => TestPackets.Ethernet(f)));
        var d = results[^1];
        Assert.Equal([.. Enumerable.Repeat(FrameDecodeResult.FragmentHeld, 4), FrameDecodeResult.Ok], results.Select(r => r.Result));
        // UDP payload starts 8 bytes into the reassembled data: offset 400 is payload index 392.
        Assert.All(d.Payload.AsSpan(392, 400).ToArray(), b => Assert.Equal(0x41, b));
        Assert.Equal(Dns.AsSpan(0, 392).ToArray(), d.Payload.AsSpan(0, 392).ToArray());
        Assert.True(d.BadChecksum);   // the rogue bytes do not match the UDP checksum: flagged, kept
        Assert.Equal(1, decoder.Stats.FragmentOverlaps);
    }

    [Fact]
    public void Partially_overlapping_fragments_fill_only_the_holes()
    {
        var ip = V6Udp();
        var frags = TestPackets.Ipv6Fragments(ip, 400, 9);
        // A fragment covering 200..600 (straddling two genuine ones) arrives first with garbage; genuine ones later
        // contribute only what it did not cover.
        var payload = ip.AsSpan(40).ToArray();
        var straddle = TestPackets.Ipv6Fragments(ip, 8, 9)[25];   // offset 200, 8 bytes
        var decoder = new FrameDecoder();
        var results = Feed(decoder, new[] { straddle }.Concat(frags).Select(f => TestPackets.Ethernet(f)));
        AssertWholeDatagram(results[^1]);
        Assert.Equal(1, decoder.Stats.FragmentOverlaps);
        Assert.Equal(payload.Length - 8, Dns.Length);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Missing_fragment_is_held_then_expired_without_output(bool v6)
    {
        var decoder = new FrameDecoder();
        var frags = Fragments(v6);
        frags.RemoveAt(1);
        var results = Feed(decoder, frags);
        Assert.All(results, r => Assert.Equal(FrameDecodeResult.FragmentHeld, r.Result));
        Assert.Equal(1, decoder.Reassembler.PendingDatagrams);
        Assert.True(decoder.Reassembler.HeldBytes > 0);

        // 29 s later it is still held; 31 s later any packet expires it.
        var other = TestPackets.Tcp("10.0.0.1", 1, "10.0.0.2", 2, 1, 1, TcpFlags.Ack);
        Decoded.Of(decoder, other, LinkType.Ethernet, 1_000_000_000 + 29_000_000_000);
        Assert.Equal(1, decoder.Reassembler.PendingDatagrams);
        Assert.Equal(FrameDecodeResult.Ok, Decoded.Of(decoder, other, LinkType.Ethernet, 1_000_000_000 + 31_000_000_000).Result);
        Assert.Equal(0, decoder.Reassembler.PendingDatagrams);
        Assert.Equal(0, decoder.Reassembler.HeldBytes);
        Assert.Equal(1, decoder.Stats.DatagramsExpired);
        Assert.Equal(0, decoder.Stats.DatagramsReassembled);
    }

    [Fact]
    public void Different_ids_and_addresses_are_kept_apart()
    {
        var decoder = new FrameDecoder();
        var a = TestPackets.Ipv4Fragments(V4Udp(1), 400);
        var b = TestPackets.Ipv4Fragments(V4Udp(2), 400);
        var interleaved = a.Zip(b).SelectMany(p => new[] { p.First, p.Second }).Select(f => TestPackets.Ethernet(f));
        var oks = Feed(decoder, interleaved).Where(r => r.Result == FrameDecodeResult.Ok).ToList();
        Assert.Equal(2, oks.Count);
        Assert.All(oks, AssertWholeDatagram);
    }

    [Fact]
    public void Oversized_datagram_is_rejected()
    {
        var reassembler = new IpFragmentReassembler();
        var key = new FragmentKey(default, default, 1, 17);
        var outcome = reassembler.Add(key, 65_528, true, new byte[100], 0, out _);
        Assert.Equal(FragmentOutcome.Rejected, outcome);
        Assert.Equal(1, reassembler.Stats.FragmentsRejected);
        Assert.Equal(0, reassembler.PendingDatagrams);
    }

    [Fact]
    public void Conflicting_last_fragment_is_rejected()
    {
        var reassembler = new IpFragmentReassembler();
        var key = new FragmentKey(default, default, 1, 17);
        Assert.Equal(FragmentOutcome.Held, reassembler.Add(key, 800, false, new byte[16], 0, out _));
        Assert.Equal(FragmentOutcome.Rejected, reassembler.Add(key, 800, false, new byte[32], 0, out _));
        Assert.Equal(FragmentOutcome.Completed, reassembler.Add(key, 0, true, new byte[800], 0, out var payload));
        Assert.Equal(816, payload.Length);
    }

    [Fact]
    public void Pending_datagram_cap_evicts_the_oldest()
    {
        var reassembler = new IpFragmentReassembler(new FragmentReassemblyLimits { MaxPendingDatagrams = 10 });
        for (uint id = 0; id < 25; id++)
            Assert.Equal(FragmentOutcome.Held, reassembler.Add(new FragmentKey(default, default, id, 17), 0, true, new byte[64], id, out _));
        Assert.Equal(10, reassembler.PendingDatagrams);
        Assert.Equal(15, reassembler.Stats.DatagramsEvicted);
        // The newest survive: completing id 24 works, id 0 was evicted and starts over.
        Assert.Equal(FragmentOutcome.Completed, reassembler.Add(new FragmentKey(default, default, 24, 17), 64, false, new byte[8], 30, out _));
        Assert.Equal(FragmentOutcome.Held, reassembler.Add(new FragmentKey(default, default, 0, 17), 64, false, new byte[8], 31, out _));
    }

    [Fact]
    public void Held_bytes_cap_bounds_memory_under_a_flood_of_incomplete_datagrams()
    {
        var limits = new FragmentReassemblyLimits { MaxHeldBytes = 1 << 20 };
        var reassembler = new IpFragmentReassembler(limits);
        long peak = 0;
        for (uint id = 0; id < 20_000; id++)
        {
            reassembler.Add(new FragmentKey(default, default, id, 6), 8, true, new byte[1400], id, out _);
            peak = Math.Max(peak, reassembler.HeldBytes);
        }
        Assert.True(peak <= limits.MaxHeldBytes + 65_536 * 2, $"peak {peak}");
        Assert.True(reassembler.Stats.DatagramsEvicted > 19_000);
    }

    [Fact]
    public void Scattered_tiny_fragments_past_the_piece_cap_are_dropped()
    {
        var reassembler = new IpFragmentReassembler(new FragmentReassemblyLimits { MaxPiecesPerDatagram = 16 });
        var key = new FragmentKey(default, default, 7, 17);
        FragmentOutcome last = FragmentOutcome.Held;
        for (int i = 0; i < 40 && last == FragmentOutcome.Held; i++)
            last = reassembler.Add(key, i * 16, true, new byte[8], 0, out _);
        Assert.Equal(FragmentOutcome.Rejected, last);
        Assert.Equal(0, reassembler.PendingDatagrams);
        Assert.Equal(0, reassembler.HeldBytes);
    }

    [Fact]
    public void Fragmented_tcp_over_ipv4_is_reassembled_and_checksummed()
    {
        var payload = Enumerable.Range(0, 3000).Select(i => (byte)i).ToArray();
        var ip = TestPackets.TcpIp("10.0.0.1", 1025, "10.0.0.2", 25, 100, 200, TcpFlags.Ack | TcpFlags.Psh, payload);
        var decoder = new FrameDecoder();
        Decoded? last = null;
        foreach (var f in TestPackets.Ipv4Fragments(ip, 1480))
            last = Decoded.Of(decoder, TestPackets.Sll2(f), LinkType.LinuxSll2);
        Assert.NotNull(last);
        Assert.Equal(FrameDecodeResult.Ok, last.Result);
        Assert.Equal(payload, last.Payload);
        Assert.Equal((100u, 200u), (last.Sequence, last.Acknowledgment));
        Assert.False(last.BadChecksum);
        Assert.Equal(1, decoder.Stats.DatagramsReassembled);
    }
}
