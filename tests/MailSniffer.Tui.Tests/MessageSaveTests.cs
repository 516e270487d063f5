using MailSniffer.Analysis.Messages;
using MailSniffer.Analysis.Model;
using MailSniffer.Core.Capture;
using MailSniffer.Core.Flows;
using MailSniffer.Tui.Filtering;
using MailSniffer.Tui.ViewModels;

namespace MailSniffer.Tui.Tests;

public sealed class MessageSaveTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), $"tui-save-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, true);
    }

    [Fact]
    public void Key_w_saves_the_selected_message_as_eml_exactly_as_it_crossed()
    {
        var vm = new MessagesViewModel { SaveDirectory = _dir };
        vm.Update(DemoCapture.Snapshot, RowFilter.None);
        vm.Select(1);
        Assert.True(vm.HandleKey('w'));
        string file = Path.Combine(_dir, "0002-Quarterly numbers.eml");
        Assert.True(File.Exists(file), vm.Notice);
        var bytes = File.ReadAllBytes(file);
        Assert.Equal(vm.SelectedItem!.Size, bytes.Length);
        Assert.Equal(vm.SelectedItem.Sha256, Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(bytes)), ignoreCase: true);
        Assert.StartsWith("saved ", vm.Detail);

        Assert.True(vm.HandleKey('w'));
        Assert.StartsWith("not saved: ", vm.Notice);   // never overwrites
        vm.Select(0);
        Assert.DoesNotContain("saved", vm.Detail.Split('\n')[0]);
    }

    [Fact]
    public void Hostile_subject_cannot_escape_the_directory_and_unkept_content_is_explained()
    {
        var m = new MessageRecord
        {
            Index = 3, Flow = 1, Ts = CaptureTime.Zero, Protocol = "smtp", Source = "DATA", Direction = Direction.ClientToServer,
            Complete = true, Partial = false, Size = 4, Sha256 = "", Summary = new MessageSummary { Subject = "../../etc/passwd\u001b" },
        };
        string said = MessageSaver.Save(m, "abc\n"u8.ToArray(), _dir);
        Assert.StartsWith("saved 4 bytes to ", said);
        var files = Directory.GetFiles(_dir);
        Assert.Single(files);
        Assert.Equal(Path.GetFullPath(_dir), Path.GetDirectoryName(Path.GetFullPath(files[0])));
        Assert.Contains("too large", MessageSaver.Save(m, null, _dir));
    }
}
