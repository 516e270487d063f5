using MailSniffer.TestSupport;
using MailSniffer.Tui.Filtering;
using MailSniffer.Tui.ViewModels;

namespace MailSniffer.Tui.Tests;

/// <summary>Every real capture of the shared corpus (hostile and malformed ones included) loads and renders in every view.</summary>
public class PublicCaptureTests
{
    public static IEnumerable<object[]> Captures() =>
        TestPaths.CaptureFilesIn(TestPaths.SharedCaptures).Select(p => new object[] { Path.GetFileName(p) });

    [SkippableTheory]
    [MemberData(nameof(Captures))]
    public void Loads_and_every_view_renders_safe_text(string name)
    {
        Skip.If(TestPaths.SharedCaptures is null, "shared/captures/public not found beside the repository");
        var snapshot = DemoCapture.LoadFile(Path.Combine(TestPaths.SharedCaptures!, name));
        Assert.True(snapshot.Progress.Finished);
        Assert.Null(snapshot.Progress.Error);
        var vm = new MainViewModel();
        vm.Update(snapshot);
        foreach (var key in new[] { "1", "s", "2", "3", "4", "r", "5", "6" })
        {
            if (key == "s") { vm.HandleKey("1"); vm.HandleKey("Enter"); vm.HandleKey("s"); continue; }
            vm.HandleKey(key);
            for (int i = 0; i < Math.Min(vm.Rows.Count, 50); i++, vm.HandleKey("Down"))
                foreach (var text in new[] { vm.Rows[i], vm.Detail, vm.Header })
                    Assert.DoesNotContain(text, c => c < 0x20 && c != '\n' || c is '\u007f' or >= '\u0080' and < '\u00a0');
        }
    }
}
