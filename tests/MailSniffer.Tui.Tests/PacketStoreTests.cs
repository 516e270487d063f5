using MailSniffer.Core.Capture;
using MailSniffer.Core.Flows;
using MailSniffer.Core.Frames;
using MailSniffer.Tui.Packets;

namespace MailSniffer.Tui.Tests;

public class PacketStoreTests
{
    private static readonly FlowKey A = FlowKey.Create(Transport.Tcp, IpAddress128.FromIPAddress(System.Net.IPAddress.Parse("10.0.0.1")), 1000,
        IpAddress128.FromIPAddress(System.Net.IPAddress.Parse("10.0.0.2")), 25, out _);
    private static readonly FlowKey B = A with { PortA = 1001 };

    private static void Record(IPacketStore store, long number, FlowKey key, int size = 100)
    {
        var raw = new RawPacket(new byte[size], new CaptureTime(number * 1000), LinkType.Ethernet, size);
        store.Record(number, raw, key);
    }

    [Fact]
    public void Live_ring_keeps_the_latest_frames_per_connection_and_counts_the_rest()
    {
        var ring = new LivePacketRing(maxBytes: 1 << 20, maxPerConnection: 5);
        for (int i = 1; i <= 12; i++) Record(ring, i, A);
        var listing = ring.Fetch(A, 0, long.MaxValue, default);
        Assert.Equal(new long[] { 8, 9, 10, 11, 12 }, listing.Frames.Select(f => f.Number));
        Assert.Equal(7, listing.NotListed);
    }

    [Fact]
    public void Live_ring_byte_budget_drops_the_oldest_frames_of_any_connection()
    {
        var ring = new LivePacketRing(maxBytes: 1000, maxPerConnection: 1000);
        for (int i = 1; i <= 30; i++) Record(ring, i, i % 2 == 0 ? A : B);
        Assert.Equal(1000, ring.KeptBytes);
        var kept = ring.Fetch(A, 0, long.MaxValue, default).Frames.Concat(ring.Fetch(B, 0, long.MaxValue, default).Frames).Select(f => f.Number).Order();
        Assert.Equal(Enumerable.Range(21, 10).Select(i => (long)i), kept);
    }

    [Fact]
    public void Live_ring_copies_frames_out_so_later_traffic_cannot_change_what_is_shown()
    {
        var ring = new LivePacketRing(maxBytes: 1000, maxPerConnection: 1000);
        var first = new byte[300];
        Array.Fill(first, (byte)0xAA);
        ring.Record(1, new RawPacket(first, new CaptureTime(1000), LinkType.Ethernet, 300), A);
        var shown = ring.Fetch(A, 0, long.MaxValue, default).Frames.Single();
        // 350-byte frames: the fourth does not fit before the end of the buffer and goes to its start, over frame 1.
        for (int i = 2; i <= 12; i++)
        {
            var data = new byte[350];
            Array.Fill(data, (byte)i);
            ring.Record(i, new RawPacket(data, new CaptureTime(i * 1000), LinkType.Ethernet, 350), B);
        }
        Assert.All(shown.Data, b => Assert.Equal(0xAA, b));
        Assert.Empty(ring.Fetch(A, 0, long.MaxValue, default).Frames);
        Assert.Equal(1, ring.Fetch(A, 0, long.MaxValue, default).NotListed);
        var kept = ring.Fetch(B, 0, long.MaxValue, default);
        Assert.Equal(new long[] { 11, 12 }, kept.Frames.Select(f => f.Number));
        Assert.All(kept.Frames, f => Assert.All(f.Data, b => Assert.Equal((byte)f.Number, b)));
        Assert.True(ring.KeptBytes <= 1000);
    }

    [Fact]
    public void Fetch_takes_only_the_time_window_of_one_conversation()
    {
        // Port reuse: the same addresses and ports, two connections one after the other.
        var ring = new LivePacketRing();
        for (int i = 1; i <= 10; i++) Record(ring, i, A);
        Assert.Equal(new long[] { 3, 4, 5 }, ring.Fetch(A, 3000, 6000, default).Frames.Select(f => f.Number));
        Assert.Empty(ring.Fetch(B, 0, long.MaxValue, default).Frames);
    }

    [Fact]
    public void File_index_reads_the_same_bytes_again_as_a_live_ring_copies()
    {
        var index = new FilePacketIndex(DemoCapture.Path);
        var ring = new LivePacketRing();
        using (var source = new IndexingPacketSource(new IndexingPacketSource(CaptureFile.Open(DemoCapture.Path), index), ring))
            while (source.TryReadNext(out _)) { }
        var c = DemoPackets.Snapshot.Conversations[1];
        var key = ConversationEndpoints.Of(c)!.Key;
        var fromFile = index.Fetch(key, 0, long.MaxValue, default);
        var fromRing = ring.Fetch(key, 0, long.MaxValue, default);
        Assert.Equal(c.Packets, fromFile.Frames.Count);   // the row counts the last ACK, which comes after the flow ended
        Assert.Equal(fromRing.Frames.Select(f => (f.Number, Convert.ToHexString(f.Data))), fromFile.Frames.Select(f => (f.Number, Convert.ToHexString(f.Data))));
        Assert.Equal(0, fromFile.NotListed);
    }

    [Fact]
    public void A_file_that_vanished_gives_an_error_not_an_exception()
    {
        string path = Path.Combine(Path.GetTempPath(), $"tui-gone-{Guid.NewGuid():N}.pcap");
        File.Copy(DemoCapture.Path, path);
        var index = new FilePacketIndex(path);
        using (var source = new IndexingPacketSource(CaptureFile.Open(path), index))
            while (source.TryReadNext(out _)) { }
        File.Delete(path);
        var key = ConversationEndpoints.Of(DemoPackets.Snapshot.Conversations[0])!.Key;
        var listing = index.Fetch(key, 0, long.MaxValue, default);
        Assert.Empty(listing.Frames);
        Assert.Contains("cannot read", listing.Error);
    }
}
