namespace MailSniffer.Tui.Tests;

/// <summary>The real program in tmux (80x24): the Packets view and an opened message's attachment tree, as a user sees them.</summary>
public sealed class TmuxPacketsEndToEndTests : IDisposable
{
    private static string Program => Path.Combine(AppContext.BaseDirectory, "mailsniffer.dll");
    private readonly string _dir = Path.Combine(Path.GetTempPath(), $"tui-e2e-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, true);
    }

    [SkippableFact]
    public void Packets_dissection_hex_and_saving_an_attachment()
    {
        Skip.IfNot(TmuxSession.Available, "tmux is not installed (apt-get install tmux); end-to-end TUI test skipped");
        Directory.CreateDirectory(_dir);
        using var tmux = new TmuxSession($"cd {_dir} && dotnet {Program} tui {DemoCapture.Path}");
        tmux.WaitFor("done | 414 pkts 28 flows 24 msgs");

        tmux.Keys("7");
        var screen = tmux.WaitFor("[7 Packets]");
        screen = tmux.WaitFor("23 packets listed");
        Assert.Contains("C> 1       0.000000 SYN", screen);
        Assert.Contains("Transmission Control Protocol, Src Port: 33789, Dst Port: 587", screen);

        tmux.Keys("Down", "Down", "Down", "Enter");
        screen = tmux.WaitFor("Frame 4 (4/23 of #1)");
        Assert.Contains("Internet Protocol Version 4, Src: 127.0.1.1, Dst: 127.0.2.1", screen);
        tmux.Keys("End");
        screen = tmux.WaitFor("0060  ");
        Assert.Contains("220 mx.a.test ES", screen.Replace("\n", ""));   // the ASCII column of the hex dump
        tmux.Keys("Escape");
        tmux.WaitFor("   no.         time flags");

        tmux.Keys("3", "Down", "Enter");
        screen = tmux.WaitFor("MIME structure:");
        Assert.Contains("├ multipart/alternative", screen);
        Assert.Contains("└ numbers.bin  application/octet-stream  4096 bytes", screen);
        tmux.Keys("a");
        screen = tmux.WaitFor("saved 4096 bytes to ");
        Assert.True(File.Exists(Path.Combine(_dir, "numbers.bin")));

        tmux.Keys("Escape", "q");
        tmux.WaitFor("EXITED 0");
    }
}
