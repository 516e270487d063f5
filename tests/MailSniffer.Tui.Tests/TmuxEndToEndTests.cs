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
}
