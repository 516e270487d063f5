using MailSniffer.Cli.Input;
using MailSniffer.Server.Demo;

namespace MailSniffer.Cli.Tests;

/// <summary>
/// The demo beside the TUI (`demo --tui`) without a terminal or capture: real servers and clients on loopback; its
/// narration becomes the status line, 'd' plays it again only once a run has finished, dispose stops a run.
/// </summary>
public sealed class LiveDemoCompanionTests
{
    private static Func<DemoOptions> Options(int net, string dir) => () => new DemoOptions
    {
        HighPorts = true, OutputDirectory = dir,
        Addresses = new DemoAddresses($"127.0.{net}.2", $"127.0.{net}.11", $"127.0.{net}.12", $"127.0.{net}.21", $"127.0.{net}.22"),
    };

    [Fact]
    public void Plays_the_story_narrates_in_the_status_and_plays_again_on_d()
    {
        string dir = Path.Combine(Path.GetTempPath(), $"ms-demo-companion-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        try
        {
            // Every status as it is set: polling the latest one missed lines the demo narrates within milliseconds.
            var seen = new List<string>();
            using var demo = new LiveDemoCompanion(Options(93, dir), status => { lock (seen) seen.Add(status); });
            Assert.True(demo.Start());
            Assert.False(demo.Start());            // one run at a time
            Assert.True(demo.HandleKey("d"));      // the key is taken, but starts nothing while a run is going
            Assert.True(demo.Wait(TimeSpan.FromSeconds(120)));
            Assert.Equal(1, demo.Runs);
            Assert.Equal("demo run 1 done (d: play again)", demo.Status);
            lock (seen)
            {
                Assert.Contains(seen, s => s.StartsWith("demo run 1: SMTP alice", StringComparison.Ordinal));
                Assert.All(seen, s => Assert.True(s.Length <= 70, s));
            }
            Assert.True(File.Exists(Path.Combine(dir, "demo.truth.json")));

            Assert.False(demo.HandleKey("x"));
            Assert.Contains(demo.KeysHelp, k => k.StartsWith("d ", StringComparison.Ordinal));
            Assert.True(demo.HandleKey("d"));
            Assert.Equal(2, demo.Runs);
            Assert.True(demo.Wait(TimeSpan.FromSeconds(120)));
            Assert.Equal("demo run 2 done (d: play again)", demo.Status);
        }
        finally { Directory.Delete(dir, true); }
    }

    [Fact]
    public void Dispose_stops_a_run_in_progress_and_frees_its_ports()
    {
        string dir = Path.Combine(Path.GetTempPath(), $"ms-demo-companion-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        try
        {
            var demo = new LiveDemoCompanion(Options(94, dir));
            demo.Start();
            Thread.Sleep(300);
            var clock = System.Diagnostics.Stopwatch.StartNew();
            demo.Dispose();
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15));
            Assert.False(demo.Running);
            Assert.Equal("demo run 1 stopped", demo.Status);
            // The servers are gone: a new demo on the same addresses and ports runs to the end.
            using var again = new LiveDemoCompanion(Options(94, dir));
            again.Start();
            Assert.True(again.Wait(TimeSpan.FromSeconds(120)));
            Assert.Equal("demo run 1 done (d: play again)", again.Status);
        }
        finally { Directory.Delete(dir, true); }
    }
}
