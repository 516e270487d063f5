namespace MailSniffer.Tui.Tests;

/// <summary>The real program in a real terminal (tmux, 80x24): what a user sees in each view after typing keys.</summary>
public class TmuxEndToEndTests
{
    private static string Program => Path.Combine(AppContext.BaseDirectory, "mailsniffer.dll");

    [SkippableFact]
    public void Offline_capture_in_an_80x24_terminal()
    {
        Skip.IfNot(TmuxSession.Available, "tmux is not installed (apt-get install tmux); end-to-end TUI test skipped");
        using var tmux = new TmuxSession($"dotnet {Program} tui {DemoCapture.Path}");

        var screen = tmux.WaitFor("done | 414 pkts 28 flows 24 msgs");
        Assert.Contains("[1 Conversations]", screen);
        Assert.Contains("! 1    smtp  127.0.2.1:33789", screen);
        Assert.Contains("alice", screen);

        tmux.Keys("Enter", "s");
        screen = tmux.WaitFor("[student mode]");
        Assert.Contains("C> EHLO alice-laptop.a.test", screen);
        Assert.Contains("^ Client greets the server", screen);

        tmux.Keys("3");
        screen = tmux.WaitFor("[3 Messages]");
        Assert.Contains("Lunch on Friday?", screen);
        Assert.Contains("From: Alice Example <alice@a.test>", screen);

        tmux.Keys("4");
        screen = tmux.WaitFor("[4 Credentials]");
        Assert.Contains("********", screen);
        Assert.DoesNotContain("wonderland", screen);
        tmux.Keys("r");
        screen = tmux.WaitFor("wonderland");
        Assert.Contains("builder", screen);

        tmux.Keys("5");
        screen = tmux.WaitFor("Journey 1/5");
        Assert.Contains("|-submit---->|", screen);
        Assert.Contains("|-relay------------------>|", screen);

        tmux.Keys("6");
        screen = tmux.WaitFor("fed relay:");
        Assert.Contains("MX 10 mx.b.test", screen);

        tmux.Keys("1", "/", "p", "r", "o", "t", "o", ":", "p", "o", "p", "3", "Enter");
        screen = tmux.WaitFor("filter: proto:pop3");
        Assert.Contains("pop3", screen);
        Assert.DoesNotContain("127.0.1.1:587", screen);

        tmux.Keys("?");
        tmux.WaitFor("Keys (any key closes)");
        tmux.Keys("Escape", "q");
        screen = tmux.WaitFor("EXITED 0");
        Assert.DoesNotContain("Conversations", screen);
    }

    [SkippableFact]
    public void Live_capture_of_the_demo_on_loopback()
    {
        Skip.IfNot(TmuxSession.Available, "tmux is not installed (apt-get install tmux); end-to-end TUI test skipped");
        Skip.IfNot(Environment.UserName == "root", "live capture on lo needs capture privilege; run as root (as CI does)");
        // The demo's own addresses as well as its ports: other tests run demos of their own on other 127.0.x nets at
        // the same time, and their traffic must not reach this screen.
        const string filter = "(host 127.0.0.2 or net 127.0.1.0/24 or net 127.0.2.0/24) and " +
                              "(tcp port 5587 or tcp port 2525 or udp port 5353 or tcp port 1110 or tcp port 1143)";
        using var tmux = new TmuxSession($"dotnet {Program} tui -i lo '{filter}'", 100, 30);
        tmux.WaitFor("live | ");

        string outDir = Path.Combine(Path.GetTempPath(), $"tui-demo-{Guid.NewGuid():N}");
        var psi = new System.Diagnostics.ProcessStartInfo("dotnet", $"{Program} demo --high-ports --out {outDir}")
        { RedirectStandardOutput = true, RedirectStandardError = true };
        using (var demo = System.Diagnostics.Process.Start(psi)!)
        {
            string log = demo.StandardOutput.ReadToEnd() + demo.StandardError.ReadToEnd();
            Assert.True(demo.WaitForExit(120_000), "demo did not finish");
            Skip.If(demo.ExitCode != 0 && log.Contains("in use", StringComparison.OrdinalIgnoreCase), "demo ports busy (another demo running)");
            Assert.True(demo.ExitCode == 0, log);
        }
        try
        {
            var screen = tmux.WaitFor("127.0.1.1:5587");
            Assert.Contains("MailSniffer live: lo", screen);
            Assert.Contains("alice", screen);
            Assert.Matches(@"live \| \d+ pkts \d+ flows \d+ msgs", screen);
            tmux.Keys("3");
            screen = tmux.WaitFor("Lunch on Friday?");
            tmux.Keys("4");
            screen = tmux.WaitFor("[4 Credentials]");
            Assert.Contains("********", screen);
            // Packets of the first conversation, from the live ring: list, then dissection.
            tmux.Keys("7");
            screen = tmux.WaitFor(" 0.000000 ");   // the first packet's row: the packets have been read
            Assert.True(System.Text.RegularExpressions.Regex.IsMatch(screen, @"C> \d+ +0\.000000 "), screen);
            tmux.Keys("Enter");
            screen = tmux.WaitFor("Internet Protocol Version 4, Src: 127.0.");
            Assert.Matches(@"Frame \d+ \(1/\d+ of #\d+\)", screen);
            tmux.Keys("q");
            tmux.WaitFor("EXITED 0", TimeSpan.FromSeconds(15));
        }
        finally
        {
            if (Directory.Exists(outDir)) Directory.Delete(outDir, true);
        }
    }
}
