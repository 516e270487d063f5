using MailSniffer.Core.Capture;
using MailSniffer.Tui.Data;
using MailSniffer.Tui.Packets;
using MailSniffer.Tui.ViewModels;

namespace MailSniffer.Tui.Tests;

/// <summary>The demo capture loaded with a frame index, as `mailsniffer tui FILE` loads it, and a view-model showing its packets.</summary>
public static class DemoPackets
{
    private static readonly Lazy<(CaptureSnapshot Snapshot, FilePacketIndex Index)> Loaded = new(() =>
    {
        var index = new FilePacketIndex(DemoCapture.Path);
        using var loader = new CaptureLoader(CaptureFile.Open(DemoCapture.Path), new FileInfo(DemoCapture.Path).Length, null, index);
        loader.Start();
        Assert.True(loader.WaitFinished(TimeSpan.FromSeconds(60)), "loading did not finish");
        return (loader.Snapshot(), index);
    });

    public static CaptureSnapshot Snapshot => Loaded.Value.Snapshot;
    public static FilePacketIndex Index => Loaded.Value.Index;

    /// <summary>A main view-model on the Packets view of the conversation at <paramref name="row"/> of view 1, packets read.</summary>
    public static MainViewModel OnPacketsOf(int row)
    {
        var vm = new MainViewModel();
        vm.Packets.Store = Index;
        vm.Update(Snapshot);
        vm.Conversations.Select(row);
        vm.HandleKey("7");
        Assert.True(vm.Packets.WaitLoaded(TimeSpan.FromSeconds(30)), "packets were not read");
        vm.Update(Snapshot);
        return vm;
    }
}
