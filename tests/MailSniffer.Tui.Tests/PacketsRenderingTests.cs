using MailSniffer.Tui.Ui;
using MailSniffer.Tui.ViewModels;
using Terminal.Gui.App;

namespace MailSniffer.Tui.Tests;

/// <summary>The Packets view and an opened message drawn by Terminal.Gui's ANSI driver at 80x24 (no terminal needed).</summary>
public class PacketsRenderingTests
{
    private static string Draw(MainViewModel vm)
    {
        using IApplication app = Application.Create();
        app.Init("ansi");
        app.Driver!.SetScreenSize(80, 24);
        using var window = new MainWindow(vm, "MailSniffer: test");
        window.Render();
        app.StopAfterFirstIteration = true;
        app.Run(window);
        return app.Driver!.ToString() ?? "";
    }

    private static List<string> Lines(string screen) => screen.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0).ToList();

    [Fact]
    public void Packets_list_fits_80x24_with_every_tab()
    {
        var screen = Draw(DemoPackets.OnPacketsOf(0));
        var lines = Lines(screen);
        Assert.InRange(lines.Count, 23, 24);
        Assert.All(lines, l => Assert.True(l.Length <= 80, l));
        Assert.Contains("1 Convs 2 Transcript 3 Messages 4 Creds 5 Timeline 6 DNS [7 Packets]", screen);
        Assert.Contains("C> 1       0.000000 SYN                0              0", screen);
        Assert.Contains("S< 2       0.000013 SYN,ACK", screen);
        Assert.Contains("#1 smtp 127.0.2.1:33789 -> 127.0.1.1:587  23 packets listed", screen);
        Assert.Contains("Transmission Control Protocol, Src Port: 33789, Dst Port: 587", screen);
    }

    [Fact]
    public void Dissection_and_hex_dump_on_screen()
    {
        var vm = DemoPackets.OnPacketsOf(0);
        vm.HandleKey("Enter");
        var screen = Draw(vm);
        Assert.Contains("Frame 1 (1/23 of #1)", screen);
        Assert.Contains("Internet Protocol Version 4, Src: 127.0.2.1, Dst: 127.0.1.1", screen);
        vm.HandleKey("End");
        screen = Draw(vm);
        Assert.Contains("0040  ", screen);   // the last hex line of a 74-byte SYN
        Assert.Contains("    Flags: 0x002 (SYN)", screen);
    }

    [Fact]
    public void Opened_message_shows_the_attachment_tree()
    {
        var vm = new MainViewModel();
        vm.Update(DemoCapture.Snapshot);
        foreach (var k in new[] { "3", "Down", "Enter" }) vm.HandleKey(k);
        var screen = Draw(vm);
        Assert.Contains("multipart/mixed", screen);
        Assert.Contains("│ ├ text/plain", screen);
        Assert.Contains("└ numbers.bin  application/octet-stream  4096 bytes", screen);
    }
}
