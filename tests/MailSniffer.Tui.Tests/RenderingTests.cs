using MailSniffer.Tui.Ui;
using MailSniffer.Tui.ViewModels;
using Terminal.Gui.App;

namespace MailSniffer.Tui.Tests;

/// <summary>
/// The real Terminal.Gui views drawn into the driver's off-screen buffer (80x24, no terminal needed): the screen text
/// after given keys.
/// </summary>
public class RenderingTests
{
    private static string Draw(params string[] keys)
    {
        var vm = new MainViewModel();
        vm.Update(DemoCapture.Snapshot);
        foreach (var k in keys) vm.HandleKey(k);
        using IApplication app = Application.Create();
        app.Init("ansi");
        app.Driver!.SetScreenSize(80, 24);
        using var window = new MainWindow(vm, "MailSniffer: test");
        window.Render();
        app.StopAfterFirstIteration = true;
        app.Run(window);
        return app.Driver!.ToString() ?? "";
    }

    [Fact]
    public void Conversations_screen_fits_80x24()
    {
        string screen = Draw();
        var lines = screen.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0).ToList();
        Assert.InRange(lines.Count, 23, 24);
        Assert.All(lines, l => Assert.True(l.Length <= 80, l));
        Assert.Contains("MailSniffer: test", screen);
        Assert.Contains("[1 Conversations]", screen);
        Assert.Contains("! 1    smtp  127.0.2.1:33789     127.0.1.1:587       alice    clear", screen);
        Assert.Contains("done | 414 pkts 28 flows 24 msgs", screen);
    }

    [Fact]
    public void Messages_screen_shows_subjects_and_the_selected_message()
    {
        string screen = Draw("3", "Down");
        Assert.Contains("Quarterly numbers", screen);
        Assert.Contains("Subject: Quarterly numbers", screen);
    }

    [Fact]
    public void Credentials_screen_masked_then_revealed()
    {
        string masked = Draw("4");
        Assert.Contains("alice            ********         PLAIN", masked);
        Assert.DoesNotContain("wonderland", masked);
        string revealed = Draw("4", "r");
        Assert.Contains("alice            wonderland       PLAIN", revealed);
    }

    [Fact]
    public void Timeline_screen_draws_arrows_between_lanes()
    {
        string screen = Draw("5");
        Assert.Contains("Journey 1/5", screen);
        Assert.Contains("mx.a.test", screen);
        Assert.Contains("|-submit---->|", screen);
        Assert.Contains("|<pop3 get---|", screen);
    }

    [Fact]
    public void Help_screen_lists_the_keys()
    {
        string screen = Draw("?");
        Assert.Contains("Keys (any key closes)", screen);
        Assert.Contains("proto:smtp", screen);
    }
}
