namespace MailSniffer.Tui.Tests;

/// <summary>`mailsniffer demo --tui` in a real 80x24 terminal: the demo's traffic appears in every view as it happens.</summary>
public class TmuxLiveDemoTests
{
    private static string Program => Path.Combine(AppContext.BaseDirectory, "mailsniffer.dll");

    [SkippableFact]
    public void Demo_tui_shows_the_demo_live_and_plays_it_again()
    {
        Skip.IfNot(TmuxSession.Available, "tmux is not installed (apt-get install tmux); end-to-end TUI test skipped");
        Skip.IfNot(Environment.UserName == "root", "demo --tui captures on lo and needs capture privilege; run as root (as CI does)");
        string outDir = Path.Combine(Path.GetTempPath(), $"tui-demo-live-{Guid.NewGuid():N}");
        Directory.CreateDirectory(outDir);
        try
        {
            using var tmux = new TmuxSession($"dotnet {Program} demo --tui --out {outDir}");
            var screen = tmux.WaitFor("demo run 1 done (d: play again)", TimeSpan.FromSeconds(90));
            Assert.Contains("MailSniffer demo on lo", screen);
            Assert.Matches(@"live \| \d+ pkts \d+ flows \d+ msgs", screen);
            Assert.Contains("127.0.1.1:587", screen);
            Assert.True(File.Exists(Path.Combine(outDir, "demo.truth.json")), "the demo did not finish its story");

            tmux.Keys("3");
            screen = tmux.WaitFor("[3 Messages]");
            Assert.Contains("Lunch on Friday?", screen);
            Assert.Contains("Quarterly numbers", screen);

            tmux.Keys("4");
            screen = tmux.WaitFor("[4 Credentials]");
            Assert.Contains("********", screen);
            Assert.DoesNotContain("wonderland", screen);

            // The journeys were drawn while the capture was still running (it never ends until q).
            tmux.Keys("5");
            tmux.WaitFor("Journey 1/");
            // Journeys are rebuilt at most every 2 s while capturing, so the look-up answered last may take a rebuild.
            screen = tmux.WaitFor("|-MX b.test->|", TimeSpan.FromSeconds(15));
            Assert.Contains("|-submit---->|", screen);
            Assert.Matches(@"\|-relay-+>\|", screen);
            Assert.Contains("live | ", screen);

            tmux.Keys("6");
            screen = tmux.WaitFor("[6 DNS]");
            Assert.Contains("MX 10 mx.b.test", screen);

            tmux.Keys("d");
            tmux.WaitFor("demo run 2", TimeSpan.FromSeconds(10));
            screen = tmux.WaitFor("demo run 2 done (d: play again)", TimeSpan.FromSeconds(90));

            tmux.Keys("q");
            screen = tmux.WaitFor("EXITED 0", TimeSpan.FromSeconds(30));
            Assert.DoesNotContain("Conversations", screen);
        }
        finally
        {
            Directory.Delete(outDir, true);
        }
    }
}
