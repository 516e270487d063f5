using MailSniffer.Core.Capture;
using MailSniffer.TestSupport;
using MailSniffer.Tui.Data;
using MailSniffer.Tui.Packets;
using MailSniffer.Tui.ViewModels;

namespace MailSniffer.Tui.Tests;

/// <summary>
/// Every real capture of the shared corpus through the Packets view and opened messages: the frames listed for each
/// conversation, every packet dissected and dumped, every message's MIME tree — only safe text, never an exception.
/// </summary>
public class PublicCapturePacketsTests
{
    public static IEnumerable<object[]> Captures() => PublicCaptureTests.Captures();

    [SkippableTheory]
    [MemberData(nameof(Captures))]
    public void Packets_and_message_trees_render_safe_text(string name)
    {
        Skip.If(TestPaths.SharedCaptures is null, "shared/captures/public not found beside the repository");
        string path = Path.Combine(TestPaths.SharedCaptures!, name);
        var index = new FilePacketIndex(path);
        CaptureSnapshot snapshot;
        using (var loader = new CaptureLoader(CaptureFile.Open(path), new FileInfo(path).Length, null, index))
        {
            loader.Start();
            Assert.True(loader.WaitFinished(TimeSpan.FromSeconds(60)), "loading did not finish");
            snapshot = loader.Snapshot();
        }
        var vm = new MainViewModel();
        vm.Packets.Store = index;
        vm.Update(snapshot);
        long listed = 0;
        for (int c = 0; c < Math.Min(snapshot.Conversations.Count, 20); c++)
        {
            vm.HandleKey("1");
            vm.Conversations.Select(c);
            vm.HandleKey("7");
            Assert.True(vm.Packets.WaitLoaded(TimeSpan.FromSeconds(30)));
            vm.Update(snapshot);
            listed += vm.Packets.PacketRows.Count;
            AssertSafe(vm);
            for (int p = 0; p < Math.Min(vm.Packets.PacketRows.Count, 30); p++)
            {
                vm.Packets.Select(p);
                AssertSafe(vm);
                vm.HandleKey("Enter");
                AssertSafe(vm);
                vm.HandleKey("Esc");
            }
        }
        if (snapshot.Conversations.Count > 0 && snapshot.Conversations.Any(c => c.Packets > 0)) Assert.True(listed > 0, "no packets listed at all");

        vm.HandleKey("3");
        for (int m = 0; m < Math.Min(snapshot.Messages.Count, 30); m++)
        {
            vm.Messages.Select(m);
            vm.HandleKey("Enter");
            Assert.Same(vm.MessageDetail, vm.Current);
            AssertSafe(vm);
            vm.HandleKey("Esc");
        }
    }

    private static void AssertSafe(MainViewModel vm)
    {
        foreach (var text in vm.Rows.Append(vm.Detail).Append(vm.Header))
            Assert.DoesNotContain(text, c => c < 0x20 && c != '\n' || c is '\u007f' or >= '\u0080' and < '\u00a0');
    }
}
