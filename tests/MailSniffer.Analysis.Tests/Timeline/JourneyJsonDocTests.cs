using System.Text.Json;
using MailSniffer.TestSupport;

namespace MailSniffer.Analysis.Tests.Timeline;

public class JourneyJsonDocTests
{
    private static readonly string[] JourneyFields = ["type", "number", "message_id", "identity", "fingerprint", "subject", "steps", "delays",
        "submission_to_retrieval", "exposed", "notes"];

    private static readonly string[] StepFields = ["index", "kind", "ts", "ts_source", "protocol", "client", "client_name", "server", "server_name",
        "flow", "encrypted", "tls", "user", "auth", "source", "mailbox", "mail_from", "rcpt_to", "queue_id", "reply", "received", "query", "answer",
        "linked_step", "content_seen", "partial", "confidence", "evidence"];

    [Fact]
    public void The_documented_example_has_every_documented_field()
    {
        Assert.NotNull(TestPaths.RepoRoot);
        var lines = File.ReadAllLines(Path.Combine(TestPaths.RepoRoot!, "docs", "json-journey.md"))
            .Where(l => l.StartsWith("{\"type\":\"journey\"", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(lines);
        foreach (var line in lines)
        {
            using var doc = JsonDocument.Parse(line);
            foreach (var f in JourneyFields) Assert.True(doc.RootElement.TryGetProperty(f, out _), $"journey lacks {f}");
            foreach (var step in doc.RootElement.GetProperty("steps").EnumerateArray())
                foreach (var f in StepFields) Assert.True(step.TryGetProperty(f, out _), $"step lacks {f}");
            foreach (var f in new[] { "credentials", "addresses", "subject_steps", "body_steps", "attachments", "clear_steps", "encrypted_steps" })
                Assert.True(doc.RootElement.GetProperty("exposed").TryGetProperty(f, out _), $"exposed lacks {f}");
        }
    }

    [Fact]
    public void The_writer_emits_every_documented_field()
    {
        var (sc, _) = TimelineStories.FullStory();
        var ms = new MemoryStream();
        MailSniffer.Analysis.Views.Timeline.JourneyJson.Write(ms, sc.Build());
        using var doc = JsonDocument.Parse(System.Text.Encoding.UTF8.GetString(ms.ToArray()).Split('\n')[0]);
        foreach (var f in JourneyFields) Assert.True(doc.RootElement.TryGetProperty(f, out _), $"journey lacks {f}");
        foreach (var step in doc.RootElement.GetProperty("steps").EnumerateArray())
            foreach (var f in StepFields) Assert.True(step.TryGetProperty(f, out _), $"step lacks {f}");
    }
}
