using MailSniffer.Core.Capture;
using MailSniffer.Core.Frames;
using MailSniffer.TestSupport;
using MailSniffer.Tui.Data;
using MailSniffer.Tui.Packets;
using MailSniffer.Tui.ViewModels;

namespace MailSniffer.Tui.Tests;

/// <summary>A conversation longer than the Packets view keeps: the first 10,000 are listed and the rest counted, on screen.</summary>
public sealed class PacketCapTests : IDisposable
{
    private readonly string _path = TestCaptureFile.TempPath(CaptureFileFormat.Pcap);

    public void Dispose() => File.Delete(_path);

    [Fact]
    public void Frames_beyond_the_per_conversation_cap_are_counted_and_said_on_screen()
    {
        const int extra = 37;
        int total = FilePacketIndex.MaxPerConnection + extra;
        var frames = new List<byte[]>
        {
            TestPackets.Tcp("10.1.0.1", 40000, "10.1.0.2", 25, 100, 0, TcpFlags.Syn),
            TestPackets.Tcp("10.1.0.2", 25, "10.1.0.1", 40000, 500, 101, TcpFlags.Syn | TcpFlags.Ack),
        };
        var payload = "NOOP\r\n"u8.ToArray();
        for (uint i = 0; frames.Count < total; i++)
            frames.Add(TestPackets.Tcp("10.1.0.1", 40000, "10.1.0.2", 25, 101 + i * 6, 501, TcpFlags.Psh | TcpFlags.Ack, payload));
        TestCaptureFile.Write(_path, CaptureFileFormat.Pcap, LinkType.Ethernet, frames);

        var index = new FilePacketIndex(_path);
        CaptureSnapshot snapshot;
        using (var loader = new CaptureLoader(CaptureFile.Open(_path), new FileInfo(_path).Length, null, index))
        {
            loader.Start();
            Assert.True(loader.WaitFinished(TimeSpan.FromSeconds(60)));
            snapshot = loader.Snapshot();
        }
        Assert.Equal(extra, index.NotIndexed);

        var vm = new MainViewModel();
        vm.Packets.Store = index;
        vm.Update(snapshot);
        vm.HandleKey("7");
        Assert.True(vm.Packets.WaitLoaded(TimeSpan.FromSeconds(30)));
        vm.Update(snapshot);
        Assert.Equal(FilePacketIndex.MaxPerConnection, vm.Packets.PacketRows.Count);
        Assert.Equal(FilePacketIndex.MaxPerConnection, vm.Packets.PacketRows[^1].Frame.Number);
        Assert.StartsWith($"… {extra} more packets not listed (kept: the first 10,000 per conversation", vm.Rows[^1]);
        Assert.EndsWith("NOOP", vm.Rows[2]);
    }
}
