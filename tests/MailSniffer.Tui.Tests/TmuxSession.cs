using System.Diagnostics;

namespace MailSniffer.Tui.Tests;

/// <summary>A detached tmux session of a given size running one command; keys in, screen text out (capture-pane).</summary>
public sealed class TmuxSession : IDisposable
{
    private readonly string _name = $"mailsniffer-tui-{Guid.NewGuid():N}"[..28];

    public static bool Available => Run("-V").Ok;

    public TmuxSession(string command, int width = 80, int height = 24)
    {
        var r = Run($"new-session -d -s {_name} -x {width} -y {height} \"{command}; echo EXITED $?; sleep 60\"");
        if (!r.Ok) throw new InvalidOperationException("tmux new-session failed: " + r.Output);
    }

    public void Keys(params string[] keys)
    {
        foreach (var k in keys)
        {
            Run($"send-keys -t {_name} {k}");
            Thread.Sleep(150);
        }
    }

    public string Screen() => Run($"capture-pane -p -t {_name}").Output;

    /// <summary>Polls the screen until it contains the text (the program starts and reads asynchronously).</summary>
    public string WaitFor(string text, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        string screen;
        do
        {
            screen = Screen();
            if (screen.Contains(text, StringComparison.Ordinal)) return screen;
            Thread.Sleep(200);
        } while (DateTime.UtcNow < deadline);
        throw new Xunit.Sdk.XunitException($"screen never showed '{text}':\n{screen}");
    }

    public void Dispose() => Run($"kill-session -t {_name}");

    private static (bool Ok, string Output) Run(string args)
    {
        try
        {
            var psi = new ProcessStartInfo("tmux", args) { RedirectStandardOutput = true, RedirectStandardError = true };
            using var p = Process.Start(psi)!;
            string output = p.StandardOutput.ReadToEnd() + p.StandardError.ReadToEnd();
            p.WaitForExit(10_000);
            return (p.ExitCode == 0, output);
        }
        catch (System.ComponentModel.Win32Exception) { return (false, "tmux not installed"); }
    }
}
