using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using MailSniffer.Analysis.Messages;
using MailSniffer.Analysis.Model;
using MailSniffer.Core.Capture;
using MailSniffer.Core.Flows;
using MailSniffer.Tui.ViewModels;

namespace MailSniffer.Tui.Tests;

public sealed class AttachmentTreeTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), $"tui-attach-{Guid.NewGuid():N}");
    private static string Program => Path.Combine(AppContext.BaseDirectory, "mailsniffer.dll");

    public void Dispose()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, true);
    }

    private MainViewModel OpenSecondMessage()
    {
        var vm = new MainViewModel();
        vm.Messages.SaveDirectory = _dir;
        vm.Update(DemoCapture.Snapshot);
        foreach (var k in new[] { "3", "Down", "Enter" }) vm.HandleKey(k);
        Assert.Same(vm.MessageDetail, vm.Current);
        return vm;
    }

    [Fact]
    public void Enter_on_a_message_shows_its_mime_tree_with_decoded_sizes_and_hashes()
    {
        var vm = OpenSecondMessage();
        Assert.Contains("[3 Messages]", vm.Tabs);
        Assert.StartsWith("Message #2: Quarterly numbers", vm.Header);
        var rows = vm.Rows;
        int top = rows.ToList().IndexOf("  multipart/mixed");
        Assert.True(top > 0, string.Join('\n', rows));
        Assert.Equal("  ├ multipart/alternative", rows[top + 1]);
        Assert.StartsWith("  │ ├ text/plain  ", rows[top + 2]);
        Assert.StartsWith("  │ └ text/html  ", rows[top + 3]);
        var attachment = JsonAttachments().Single();
        Assert.Equal($"  └ numbers.bin  application/octet-stream  {attachment.Size} bytes  sha256 {attachment.Sha256[..16]}…", rows[top + 4]);
        Assert.Equal(top + 4, vm.Selected);   // the selection starts on the attachment
        Assert.Contains($"sha256 {attachment.Sha256}", vm.Detail);
        Assert.Contains(rows, r => r.Contains("The quarterly numbers are attached."));
        vm.HandleKey("Esc");
        Assert.Same(vm.Messages, vm.Current);
    }

    [Fact]
    public void Key_a_saves_the_attachment_whose_sha256_matches_read_json_and_never_overwrites()
    {
        var vm = OpenSecondMessage();
        var attachment = JsonAttachments().Single();
        vm.HandleKey("a");
        string first = Path.Combine(_dir, "numbers.bin");
        Assert.True(File.Exists(first), vm.Detail);
        Assert.StartsWith($"saved {attachment.Size} bytes to ", vm.Detail);
        Assert.Equal(attachment.Sha256, Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(first))));

        vm.HandleKey("a");
        string second = Path.Combine(_dir, "numbers-1.bin");
        Assert.True(File.Exists(second), vm.Detail);
        Assert.Equal(File.ReadAllBytes(first), File.ReadAllBytes(second));

        vm.HandleKey("Up");   // text/html: a body part, saveable too, named by export's fallback
        vm.HandleKey("a");
        Assert.True(File.Exists(Path.Combine(_dir, "attachment-1.bin")), vm.Detail);
        vm.HandleKey("Home");   // From: line, not a part
        vm.HandleKey("a");
        Assert.StartsWith("select a line of the MIME tree", vm.Detail);

        vm.HandleKey("w");   // the whole message, as in the list
        Assert.True(File.Exists(Path.Combine(_dir, "0002-Quarterly numbers.eml")), vm.Detail);
    }

    [Theory]
    [InlineData("../../etc/passwd")]
    [InlineData("\u001b]0;owned\u0007\u001b[31mred.txt")]
    [InlineData("..")]
    [InlineData("/abs/path/CON")]
    public void Hostile_attachment_names_land_inside_the_directory_with_visible_text(string hostile)
    {
        var raw = Encoding.UTF8.GetBytes(
            "From: a@x\r\nTo: b@y\r\nSubject: evil\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=B\r\n\r\n" +
            "--B\r\nContent-Type: text/plain\r\n\r\nhi\r\n" +
            $"--B\r\nContent-Type: application/octet-stream\r\nContent-Disposition: attachment; filename=\"{hostile}\"\r\nContent-Transfer-Encoding: base64\r\n\r\nAAECAw==\r\n--B--\r\n");
        var m = new MessageRecord
        {
            Index = 9, Flow = 1, Ts = CaptureTime.Zero, Protocol = "smtp", Source = "DATA", Direction = Direction.ClientToServer,
            Complete = true, Partial = false, Size = raw.Length, Sha256 = "", Summary = new MessageSummary { Subject = "evil" },
        };
        var detail = new MessageDetailViewModel { SaveDirectory = _dir };
        detail.Open(m, raw);
        Assert.All(detail.Rows, r => Assert.DoesNotContain(r, c => c < 0x20 || c == 0x7f));
        Assert.True(detail.SelectedNode!.IsAttachment);
        detail.HandleKey('a');
        var saved = detail.LastSavedPath;
        Assert.NotNull(saved);
        Assert.Equal(Path.GetFullPath(_dir), Path.GetDirectoryName(Path.GetFullPath(saved!)));
        Assert.DoesNotContain(Path.GetFileName(saved!), c => c < 0x20 || c == 0x7f);
        Assert.False(Path.GetFileName(saved!).StartsWith('.'));
        Assert.Equal(new byte[] { 0, 1, 2, 3 }, File.ReadAllBytes(saved!));
    }

    [Fact]
    public void Without_kept_bytes_the_tree_comes_from_the_summary_and_saving_explains_why_not()
    {
        var m = new MessageRecord
        {
            Index = 4, Flow = 1, Ts = CaptureTime.Zero, Protocol = "smtp", Source = "DATA", Direction = Direction.ClientToServer,
            Complete = true, Partial = false, Size = 50_000_000, Sha256 = "",
            Summary = new MessageSummary { Attachments = new[] { new AttachmentSummary("big.iso", "application/x-iso", 49_000_000, new string('a', 64), 1, false) } },
        };
        var detail = new MessageDetailViewModel { SaveDirectory = _dir };
        detail.Open(m, null);
        Assert.Contains(detail.Rows, r => r.Contains("big.iso  application/x-iso  49000000 bytes  sha256 aaaaaaaaaaaaaaaa…"));
        detail.HandleKey('a');
        Assert.Contains("too large to keep", detail.Detail);
        Assert.False(Directory.Exists(_dir) && Directory.EnumerateFiles(_dir).Any());
    }

    [Fact]
    public void Garbage_instead_of_a_message_gives_a_tree_not_an_exception()
    {
        var random = new Random(7);
        for (int i = 0; i < 200; i++)
        {
            var raw = new byte[random.Next(60, 2000)];
            random.NextBytes(raw);
            if (i % 2 == 0) Encoding.ASCII.GetBytes("Content-Type: multipart/mixed; boundary=x\r\n\r\n--x\r\n").CopyTo(raw, 0);
            var m = new MessageRecord
            {
                Index = i, Flow = 1, Ts = CaptureTime.Zero, Protocol = "smtp", Source = "DATA", Direction = Direction.ClientToServer,
                Complete = false, Partial = true, Size = raw.Length, Sha256 = "", Summary = new MessageSummary(),
            };
            var detail = new MessageDetailViewModel { SaveDirectory = _dir };
            detail.Open(m, raw);
            Assert.All(detail.Rows, r => Assert.DoesNotContain(r, c => c < 0x20 || c == 0x7f));
        }
    }

    private static List<(long Size, string Sha256)> JsonAttachments()
    {
        var psi = new System.Diagnostics.ProcessStartInfo("dotnet", $"{Program} read --json {DemoCapture.Path}") { RedirectStandardOutput = true, RedirectStandardError = true };
        using var p = System.Diagnostics.Process.Start(psi)!;
        var err = p.StandardError.ReadToEndAsync();
        var lines = p.StandardOutput.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        p.WaitForExit();
        _ = err.Result;
        var message = lines.Select(l => JsonDocument.Parse(l).RootElement)
            .First(e => e.GetProperty("type").GetString() == "message" && e.GetProperty("index").GetInt64() == 2);
        return message.GetProperty("attachments").EnumerateArray()
            .Select(a => (a.GetProperty("size").GetInt64(), a.GetProperty("sha256").GetString()!)).ToList();
    }
}
