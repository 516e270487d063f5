using MailSniffer.Core.Capture;
using MailSniffer.TestSupport;
using MailSniffer.Tui.Data;

namespace MailSniffer.Tui.Tests;

public class CaptureLoaderTests
{
    [Fact]
    public void Reads_the_whole_file_in_the_background_and_reports_progress()
    {
        var s = DemoCapture.Snapshot;
        Assert.True(s.Progress.Finished);
        Assert.Equal(1.0, s.Progress.Fraction);
        Assert.Equal(414, s.Progress.Packets);
        Assert.Equal(28, s.Progress.Flows);
        Assert.Equal(24, s.Progress.Messages);
        Assert.Null(s.Progress.Error);
        Assert.Equal(5, s.Journeys.Count);
        Assert.All(s.Conversations, c => Assert.True(c.Ended));
    }

    [Fact]
    public void Paused_loader_reads_nothing_until_resumed()
    {
        using var loader = new CaptureLoader(CaptureFile.Open(DemoCapture.Path), new FileInfo(DemoCapture.Path).Length);
        loader.TogglePause();
        loader.Start();
        Assert.False(loader.WaitFinished(TimeSpan.FromMilliseconds(300)));
        var paused = loader.Snapshot();
        Assert.True(paused.Progress.Paused);
        Assert.Equal(0, paused.Progress.Packets);
        loader.TogglePause();
        Assert.True(loader.WaitFinished(TimeSpan.FromSeconds(30)));
        Assert.Equal(414, loader.Snapshot().Progress.Packets);
    }

    [Fact]
    public void Truncated_capture_finishes_with_what_was_readable()
    {
        string path = Path.Combine(Path.GetTempPath(), $"tui-truncated-{Guid.NewGuid():N}.pcapng");
        var bytes = File.ReadAllBytes(DemoCapture.Path);
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2 + 7)]);
        try
        {
            var s = DemoCapture.LoadFile(path);
            Assert.True(s.Progress.Finished);
            Assert.InRange(s.Progress.Packets, 100, 413);
            Assert.NotEmpty(s.Conversations);
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void Dispose_while_reading_stops_promptly()
    {
        var loader = new CaptureLoader(CaptureFile.Open(DemoCapture.Path), null);
        loader.Start();
        var sw = System.Diagnostics.Stopwatch.StartNew();
        loader.Dispose();
        Assert.True(sw.Elapsed < TimeSpan.FromSeconds(5));
        Assert.True(loader.Finished);
    }
}
