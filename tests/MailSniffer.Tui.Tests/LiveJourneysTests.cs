using MailSniffer.Analysis.Pipeline;
using MailSniffer.Core.Capture;
using MailSniffer.Tui.Data;
using MailSniffer.Tui.Filtering;
using MailSniffer.Tui.ViewModels;

namespace MailSniffer.Tui.Tests;

/// <summary>The Timeline during a live capture: journeys grow as packets arrive, rebuilt at a bounded rate.</summary>
public class LiveJourneysTests
{
    private static readonly CaptureProgress Reading = CaptureProgress.Starting with { Fraction = null };

    [Fact]
    public void Snapshots_taken_while_reading_show_journeys_growing_to_the_final_five()
    {
        var collector = new SnapshotCollector();
        using var source = CaptureFile.Open(DemoCapture.Path);
        var analysis = new CaptureAnalysis(source, CaptureLoader.Options, null, collector, collector.Journeys);
        var timeline = new TimelineViewModel();
        timeline.Update(collector.Take(Reading), RowFilter.None);
        Assert.Equal("No message journeys yet (redrawn every few seconds while reading).", timeline.Header);
        var counts = new List<int>();
        var subjects = new List<string>();
        while (analysis.Engine.Step(25) > 0)
        {
            collector.Journeys.Rebuild();
            timeline.Update(collector.Take(Reading), RowFilter.None);
            counts.Add(collector.Take(Reading).Journeys.Count);
            subjects.Add(timeline.Header);
        }
        // The journeys appear one by one while reading, long before the end...
        int firstSeen = counts.FindIndex(c => c > 0);
        Assert.InRange(firstSeen, 0, counts.Count / 2);
        Assert.Contains(counts, c => c is > 0 and < 5);
        for (int i = 1; i < counts.Count; i++) Assert.True(counts[i] >= counts[i - 1], $"journeys shrank at step {i}: {string.Join(",", counts)}");
        // ...already drawn with arrows while the capture is still open...
        Assert.StartsWith("Journey 1/", subjects[firstSeen]);
        Assert.Contains(timeline.Rows, r => r.Contains("|-submit---->|"));
        // ...and the end gives the same five journeys as reading the file in one go.
        analysis.Engine.Finish();
        analysis.Model.Complete();
        var done = collector.Take(CaptureProgress.Starting with { Finished = true });
        Assert.Equal(5, done.Journeys.Count);
        Assert.Equal(DemoCapture.Snapshot.Journeys.Select(j => j.Subject), done.Journeys.Select(j => j.Subject));
        Assert.Equal(DemoCapture.Snapshot.Journeys.Select(j => j.Steps.Count), done.Journeys.Select(j => j.Steps.Count));
    }

    [Fact]
    public void Rebuild_runs_only_when_something_changed_and_the_interval_passed()
    {
        var collector = new SnapshotCollector();
        var journeys = collector.Journeys;
        using var source = CaptureFile.Open(DemoCapture.Path);
        var analysis = new CaptureAnalysis(source, CaptureLoader.Options, null, collector, journeys);
        var t0 = TimeSpan.FromSeconds(100);

        Assert.False(journeys.RebuildIfDue(t0));          // nothing seen yet
        analysis.Engine.Step(100);
        Assert.True(journeys.RebuildIfDue(t0));
        Assert.False(journeys.RebuildIfDue(t0 + TimeSpan.FromSeconds(5)));   // nothing new since
        analysis.Engine.Step(100);
        Assert.False(journeys.RebuildIfDue(t0 + LiveJourneys.MinInterval / 2));   // changed, but too soon
        Assert.True(journeys.RebuildIfDue(t0 + LiveJourneys.MinInterval));
        Assert.Equal(2, journeys.Rebuilds);
        Assert.True(journeys.LastCost < LiveJourneys.MinInterval);
    }

    [Fact]
    public void The_loader_rebuilds_journeys_on_its_own_while_reading()
    {
        // A source that hands out the demo capture and then waits, like a live capture with no more traffic.
        using var file = CaptureFile.Open(DemoCapture.Path);
        var live = new WaitingSource(file);
        using var loader = new CaptureLoader(live, null, live.Stop);
        loader.Start();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        CaptureSnapshot s;
        do
        {
            Thread.Sleep(100);
            s = loader.Snapshot();
        } while (s.Journeys.Count < 5 && DateTime.UtcNow < deadline);
        Assert.False(s.Progress.Finished);
        Assert.Equal(5, s.Journeys.Count);
        Assert.Equal("Lunch on Friday?", s.Journeys[0].Subject);
    }

    [Fact]
    public void Live_capture_shows_answered_dns_lookups_and_their_journey_steps_before_the_flows_time_out()
    {
        // Packets trickle in as on a live link; the UDP flows of the look-ups never end (no 60 s idle, no capture end).
        using var file = CaptureFile.Open(DemoCapture.Path);
        var live = new WaitingSource(file, TimeSpan.FromMilliseconds(4));
        using var loader = new CaptureLoader(live, null, live.Stop);
        loader.Start();
        int expected = DemoCapture.Snapshot.DnsLookups.Count;
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        CaptureSnapshot s;
        do
        {
            Thread.Sleep(100);
            s = loader.Snapshot();
        } while ((s.DnsLookups.Count < expected || !s.Journeys.Any(j => j.Steps.Any(st => st.Query == "MX b.test"))) && DateTime.UtcNow < deadline);
        Assert.False(s.Progress.Finished);
        Assert.Equal(expected, s.DnsLookups.Count);
        Assert.Contains(s.DnsLookups, l => l.Name == "b.test" && l.QType == "MX" && l.Answers.Any(a => a.Data.Contains("mx.b.test")));
        var timeline = new TimelineViewModel();
        timeline.Update(s, RowFilter.None);
        Assert.Contains(timeline.Rows, r => r.Contains("|-MX b.test->|"));
    }

    [Fact]
    public void Between_packets_action_runs_on_the_reading_thread_at_most_once_per_interval()
    {
        using var file = CaptureFile.Open(DemoCapture.Path);
        int runs = 0, reads = 0;
        int? thread = null;
        using var source = new BetweenPacketsSource(file, () => { runs++; thread = Environment.CurrentManagedThreadId; }, TimeSpan.FromMilliseconds(50));
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (source.TryReadNext(out _)) { reads++; Thread.Sleep(1); }
        Assert.Equal(414, reads);
        Assert.InRange(runs, 1, clock.Elapsed.TotalMilliseconds / 50 + 1);
        Assert.Equal(Environment.CurrentManagedThreadId, thread);
    }

    /// <summary>Packets of a file, then blocks until stopped: the capture never ends by itself.</summary>
    private sealed class WaitingSource(IPacketSource inner, TimeSpan? perPacket = null) : IPacketSource
    {
        private readonly ManualResetEventSlim _stopped = new();
        public IReadOnlyList<string> Warnings => inner.Warnings;
        public long BytesRead => inner.BytesRead;
        public void Stop() => _stopped.Set();

        public bool TryReadNext(out RawPacket packet)
        {
            if (perPacket is { } wait) Thread.Sleep(wait);
            if (inner.TryReadNext(out packet)) return true;
            _stopped.Wait();
            return false;
        }

        public void Dispose() => _stopped.Set();
    }
}
