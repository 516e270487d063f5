using MailSniffer.Analysis.Pipeline;
using MailSniffer.Core.Capture;
using MailSniffer.Tui.Data;
using MailSniffer.Tui.Filtering;
using MailSniffer.Tui.ViewModels;

namespace MailSniffer.Tui.Tests;

/// <summary>Transcripts share one memory budget across all conversations; what is cut is counted and said on screen.</summary>
public class TranscriptBudgetTests
{
    private static CaptureSnapshot Load(long budget)
    {
        var collector = new SnapshotCollector(maxTranscriptLines: budget);
        using var source = CaptureFile.Open(DemoCapture.Path);
        var analysis = new CaptureAnalysis(source, CaptureLoader.Options, null, collector, collector.Journeys);
        analysis.Engine.Run();
        analysis.Engine.Finish();
        analysis.Model.Complete();
        return collector.Take(CaptureProgress.Starting with { Finished = true });
    }

    [Fact]
    public void Lines_beyond_the_budget_are_counted_and_the_transcript_says_why()
    {
        var full = Load(SnapshotCollector.MaxTranscriptLinesKept);
        long all = full.Conversations.Sum(c => (long)c.Transcript.Count);
        Assert.True(all > 100);
        Assert.DoesNotContain(full.Conversations, c => c.TranscriptCutForMemory);

        var cut = Load(100);
        Assert.Equal(100, cut.Conversations.Sum(c => (long)c.Transcript.Count));
        // Every line is either kept or counted as not kept.
        Assert.Equal(all + full.Conversations.Sum(c => c.TranscriptOmitted),
            cut.Conversations.Sum(c => c.Transcript.Count + c.TranscriptOmitted));
        var victim = cut.Conversations.Last(c => c.TranscriptCutForMemory);
        Assert.Empty(victim.Transcript);
        // Everything else about the conversation is intact.
        Assert.Equal(full.Conversations.Single(c => c.Id == victim.Id).Bytes, victim.Bytes);

        var vm = new TranscriptViewModel { ConversationId = victim.Id };
        vm.Update(cut, RowFilter.None);
        Assert.Empty(vm.Rows);
        Assert.Contains("further lines not kept; the TUI keeps 250,000 transcript lines in all", vm.Detail);
    }
}
