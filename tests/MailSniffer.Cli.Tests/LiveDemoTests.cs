using MailSniffer.Analysis;
using MailSniffer.Analysis.Pipeline;
using MailSniffer.Analysis.Timeline;
using MailSniffer.Analysis.Timeline.Truth;
using MailSniffer.Cli.Input;
using MailSniffer.Server.Demo;
using Xunit.Abstractions;

namespace MailSniffer.Cli.Tests;

/// <summary>
/// The whole product on real traffic made now: the demo plays the delivery story on its own loopback addresses while
/// libpcap records it; the analyzer's journeys must match the demo's ground truth exactly — every hop, DNS link and
/// retrieval found, nothing invented.
/// </summary>
public sealed class LiveDemoTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(false, 91)]
    [InlineData(true, 92)]
    public async Task LiveDemoCaptureGivesTheJourneysTheDemoReports(bool startTls, int net)
    {
        string dir = Path.Combine(Path.GetTempPath(), $"ms-live-demo-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        try
        {
            var addresses = new DemoAddresses($"127.0.{net}.2", $"127.0.{net}.11", $"127.0.{net}.12", $"127.0.{net}.21", $"127.0.{net}.22");
            string capture = Path.Combine(dir, "demo.pcapng"), truth = Path.Combine(dir, "demo.truth.json");
            var options = new DemoOptions
            {
                HighPorts = true, AllStartTls = startTls, OutputDirectory = dir, Addresses = addresses, CapturePath = capture, TruthPath = truth,
            };
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
            await new DemoRunner(options, _ => { }, new LoopbackDemoRecorder($"net 127.0.{net}.0/24")).RunAsync(timeout.Token);
            if (!File.Exists(capture))
            {
                output.WriteLine("SKIPPED: no live capture here (libpcap missing or no capture privilege); the recorder said why on stderr");
                return;
            }

            var builder = new JourneyBuilder();
            var analysis = CaptureAnalysis.RunFile(capture, AnalysisOptions.ForStreaming(), builder);
            Assert.Empty(analysis.Engine.Warnings);
            var comparison = JourneyTruthComparer.Compare(await File.ReadAllTextAsync(truth), builder.Build());
            output.WriteLine(comparison.ToString());
            Assert.True(comparison.Found.Count > 10);
            Assert.True(comparison.Exact, comparison.ToString());
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }
}
