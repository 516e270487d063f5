using MailSniffer.Analysis.Exposure;
using MailSniffer.Analysis.Model;
using MailSniffer.Analysis.Pipeline;
using MailSniffer.Analysis.Timeline;
using MailSniffer.Analysis.Timeline.Truth;
using MailSniffer.Analysis.Views.Timeline;
using MailSniffer.TestSupport;

namespace MailSniffer.Analysis.Tests.Timeline;

/// <summary>Journeys from real captures, through the whole product path (engine, decoders, model, builder).</summary>
public class CaptureJourneyTests
{
    private static (IReadOnlyList<Journey> Journeys, JourneyBuilder Builder, CaptureModel Model) Run(string path)
    {
        var builder = new JourneyBuilder();
        var analysis = CaptureAnalysis.RunFile(path, AnalysisOptions.ForStreaming(), builder);
        return (builder.Build(), builder, analysis.Model);
    }

    public static TheoryData<string> DemoCaptures => new() { "demo-full-plaintext", "demo-full-starttls", "demo-pop3-only", "demo-imap-only" };

    public static TheoryData<string> PublicCaptures
    {
        get
        {
            var data = new TheoryData<string>();
            foreach (var f in TestPaths.CaptureFilesIn(TestPaths.SharedCaptures)) data.Add(Path.GetFileName(f));
            if (data.Count == 0) data.Add(""); // one row that skips, so a missing folder shows up as skipped, not as an error
            return data;
        }
    }

    [SkippableTheory]
    [MemberData(nameof(DemoCaptures))]
    public void Demo_capture_journeys_match_the_demo_truth(string name)
    {
        Skip.If(TestPaths.RepoCaptures == null, "captures/ not found in the repository");
        string pcap = Path.Combine(TestPaths.RepoCaptures!, name + ".pcapng");
        var (journeys, builder, _) = Run(pcap);
        var result = JourneyTruthComparer.Compare(File.ReadAllText(Path.Combine(TestPaths.RepoCaptures!, name + ".truth.json")), journeys);
        var story = new StringWriter();
        new TimelineStoryWriter().Write(story, journeys, builder.UnlinkedEncryptedSessions);
        Assert.True(result.Exact, result + "\n" + story);
    }

    [SkippableTheory]
    [MemberData(nameof(PublicCaptures))]
    public void Every_message_of_a_public_capture_has_a_journey_of_at_least_its_visible_hop(string name)
    {
        Skip.If(TestPaths.SharedCaptures == null || name.Length == 0, "shared/captures/public not found beside the repository");
        var (journeys, builder, model) = Run(Path.Combine(TestPaths.SharedCaptures!, name));
        int sightings = journeys.Sum(j => j.Steps.Count(s => s.ContentSeen));
        Assert.Equal(model.Totals.Messages, sightings);
        Assert.All(journeys, j => Assert.Contains(j.Steps, s => s.ContentSeen && s.Flow != null));
        // Every view runs on real data without failing.
        new TimelineStoryWriter { ShowEvidence = true }.Write(TextWriter.Null, journeys, builder.UnlinkedEncryptedSessions);
        JourneyJson.Write(Stream.Null, journeys);
        foreach (var j in journeys)
        {
            Assert.StartsWith("sequenceDiagram", MermaidDiagram.Render(j));
            Assert.EndsWith("@enduml\n", PlantUmlDiagram.Render(j));
        }
        var report = ExposureReport.From(builder, journeys);
        new ExposureTextWriter().Write(TextWriter.Null, report);
        ExposureJson.Write(Stream.Null, report);
    }
}
