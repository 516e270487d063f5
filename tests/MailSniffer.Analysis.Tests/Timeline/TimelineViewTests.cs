using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using MailSniffer.Analysis.Exposure;
using MailSniffer.Analysis.Timeline;
using MailSniffer.Analysis.Views.Timeline;

namespace MailSniffer.Analysis.Tests.Timeline;

public class TimelineViewTests
{
    private static string Story(IReadOnlyList<Journey> journeys, JourneyBuilder builder, bool reveal = false, bool evidence = false)
    {
        var w = new StringWriter();
        new TimelineStoryWriter { RevealSecrets = reveal, ShowEvidence = evidence }.Write(w, journeys, builder.UnlinkedEncryptedSessions);
        return w.ToString();
    }

    [Fact]
    public void Story_tells_each_step_on_one_line_in_time_order()
    {
        var (sc, _) = TimelineStories.FullStory();
        var journeys = sc.Build();
        var text = Story(journeys, sc.Builder);

        Assert.Contains("Journey 1: <m1@a.test>  \"Quarterly numbers\"", text);
        var lines = text.Split('\n');
        int sub = Array.FindIndex(lines, l => l.Contains("laptop.a.test (127.0.0.10) submits to mx.a.test (127.0.2.1:587) by SMTP, AUTH PLAIN as alice@a.test, clear text"));
        int mx = Array.FindIndex(lines, l => l.Contains("asks DNS 127.0.0.53:53: MX b.test -> MX 10 mx.b.test (for step 5)"));
        int relay = Array.FindIndex(lines, l => l.Contains("relays to mx.b.test (127.0.3.1:25) by SMTP, clear text") && l.Contains("queued as 9F8E7D"));
        int pop = Array.FindIndex(lines, l => l.Contains("bob@b.test at 127.0.0.20 reads it from mx.b.test (127.0.3.1:110) by POP3 RETR"));
        Assert.True(sub >= 0 && mx > sub && relay > mx && pop > relay, text);
        Assert.Contains("queued as 1A2B3C", lines[sub]);
        Assert.Matches(@"^\s+1\. 10:00:00\.010200 ", lines[sub]);
        Assert.Contains("+5.1898s", lines[pop]);
        Assert.Contains("total: 5.3898s from submission to first retrieval", text);
        Assert.Contains("password of alice@a.test (SMTP PLAIN) ****** (6 chars)", text);
        Assert.DoesNotContain("secret", text);
        Assert.Contains("attachments q3.pdf", text);
        Assert.Contains("password of alice@a.test (SMTP PLAIN) secret", Story(journeys, sc.Builder, reveal: true));
    }

    [Fact]
    public void Story_explains_inferred_steps_and_lists_unlinked_encrypted_sessions()
    {
        var sc = TimelineStories.HostileEncryptedStory();
        long lone = sc.Tcp("127.0.0.99", 50009, "127.0.7.7", 993, 50);
        sc.Protocol(lone, 50, "tls");
        sc.End(lone);
        var journeys = sc.Build();
        var text = Story(journeys, sc.Builder, evidence: true);
        Assert.Contains("encrypted (STARTTLS) — contents not seen", text);
        Assert.Contains("[linked by inference, confidence", text);
        Assert.Contains("because Received header #1 of the relayed copy names the session's client [127.0.0.10]", text);
        Assert.Contains("Encrypted mail sessions not linked to any message (1):", text);
        Assert.Contains("127.0.0.99:50009 -> 127.0.7.7:993", text);
    }

    [Fact]
    public void Hostile_wire_strings_are_escaped_in_the_story()
    {
        var sc = TimelineStories.HostileEncryptedStory();
        var text = Story(sc.Build(), sc.Builder, evidence: true);
        Assert.DoesNotContain('\u001b', text);
        Assert.DoesNotContain('\u202E', text);
        Assert.DoesNotContain('\u0007', text);
        Assert.DoesNotContain('\r', text);
        Assert.Contains("\"\\e[31mREDH1->>H2: pwned", text); // MimeKit unfolds the CRLF; ESC stays and is shown
    }

    [Fact]
    public void Json_records_parse_back_with_the_documented_fields()
    {
        var (sc, _) = TimelineStories.FullStory();
        var journeys = sc.Build();
        var ms = new MemoryStream();
        JourneyJson.Write(ms, journeys);
        var lines = Encoding.UTF8.GetString(ms.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var line = Assert.Single(lines);
        using var doc = JsonDocument.Parse(line);
        var j = doc.RootElement;
        Assert.Equal("journey", j.GetProperty("type").GetString());
        Assert.Equal("m1@a.test", j.GetProperty("message_id").GetString());
        Assert.Equal("Quarterly numbers", j.GetProperty("subject").GetString());
        var steps = j.GetProperty("steps").EnumerateArray().ToList();
        Assert.Equal(["submission", "dns", "dns", "dns", "relay", "retrieval"], steps.Select(s => s.GetProperty("kind").GetString()));
        foreach (var s in steps)
            foreach (var field in new[] { "kind", "ts", "protocol", "client", "server", "flow", "encrypted", "user", "query", "answer", "evidence" })
                Assert.True(s.TryGetProperty(field, out _), $"step lacks {field}");
        Assert.Equal("2026-11-22T10:00:00.010200Z", steps[0].GetProperty("ts").GetString());
        Assert.Equal("127.0.2.1:587", steps[0].GetProperty("server").GetString());
        Assert.Equal("alice@a.test", steps[0].GetProperty("user").GetString());
        Assert.Equal("1A2B3C", steps[0].GetProperty("queue_id").GetString());
        Assert.False(steps[0].GetProperty("encrypted").GetBoolean());
        Assert.Equal("MX b.test", steps[1].GetProperty("query").GetString());
        Assert.Equal("MX 10 mx.b.test", steps[1].GetProperty("answer")[0].GetString());
        Assert.Equal(4, steps[1].GetProperty("linked_step").GetInt32());
        Assert.Equal(JsonValueKind.Null, steps[0].GetProperty("query").ValueKind);
        Assert.Equal(5, j.GetProperty("delays").GetArrayLength());
        Assert.Equal(5.3898, j.GetProperty("submission_to_retrieval").GetDouble(), 6);
        var exposed = j.GetProperty("exposed");
        Assert.Equal("secret", exposed.GetProperty("credentials").EnumerateArray().Single(c => c.GetProperty("username").GetString() == "alice@a.test").GetProperty("password").GetString());
        Assert.Equal([0, 4, 5], exposed.GetProperty("subject_steps").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Equal("q3.pdf", exposed.GetProperty("attachments")[0].GetProperty("filename").GetString());

        var masked = new MemoryStream();
        JourneyJson.Write(masked, journeys, includeSecrets: false);
        Assert.DoesNotContain("secret", Encoding.UTF8.GetString(masked.ToArray()));
    }

    [Fact]
    public void Hostile_strings_in_json_are_escaped_and_round_trip()
    {
        var sc = TimelineStories.HostileEncryptedStory();
        var journeys = sc.Build();
        Assert.Contains('\u001b', journeys[0].Subject!);
        var ms = new MemoryStream();
        JourneyJson.Write(ms, journeys);
        var raw = Encoding.UTF8.GetString(ms.ToArray());
        Assert.DoesNotContain('\u001b', raw);
        Assert.DoesNotContain('\u202E', raw);
        using var doc = JsonDocument.Parse(raw.Split('\n')[0]);
        Assert.Equal(journeys[0].Subject, doc.RootElement.GetProperty("subject").GetString());
    }

    [Fact]
    public void Mermaid_diagram_has_lanes_and_an_arrow_per_step()
    {
        var (sc, _) = TimelineStories.FullStory();
        var j = Assert.Single(sc.Build());
        var lines = MermaidDiagram.Render(j).TrimEnd('\n').Split('\n');
        Assert.Equal("sequenceDiagram", lines[0]);
        var participants = lines.Where(l => l.StartsWith("    participant ")).ToList();
        // alice, mx.a, the resolver, mx.b, bob
        Assert.Equal(5, participants.Count);
        Assert.Contains("    participant H2 as mx.a.test (127.0.2.1)", participants);
        var arrows = lines.Where(l => Regex.IsMatch(l, @"^    H\d+-{1,2}>>H\d+: ")).ToList();
        Assert.Equal(6 + 3, arrows.Count); // one per step, plus one answer per DNS step
        Assert.Contains(arrows, a => a.StartsWith("    H1->>H2: 1. SMTP submission DATA, AUTH PLAIN as alice@a.test, clear text, queued as 1A2B3C"));
        Assert.Contains(arrows, a => a.Contains("DNS MX b.test"));
        Assert.All(lines.Skip(1), l => Assert.Matches(@"^    (participant H\d+ as |H\d+-{1,2}>>H\d+: |Note over H\d+(,H\d+)?: )", l));
    }

    [Fact]
    public void PlantUml_diagram_has_the_same_shape()
    {
        var (sc, _) = TimelineStories.FullStory();
        var j = Assert.Single(sc.Build());
        var lines = PlantUmlDiagram.Render(j).TrimEnd('\n').Split('\n');
        Assert.Equal("@startuml", lines[0]);
        Assert.Equal("@enduml", lines[^1]);
        Assert.StartsWith("title Journey 1: m1@a.test", lines[1]);
        Assert.Equal(5, lines.Count(l => l.StartsWith("participant \"")));
        Assert.Equal(9, lines.Count(l => Regex.IsMatch(l, @"^H\d+ -{1,2}> H\d+ : ")));
    }

    [Fact]
    public void Hostile_labels_cannot_break_out_of_diagram_syntax()
    {
        var sc = TimelineStories.HostileEncryptedStory();
        var journeys = sc.Build();
        var j = Assert.Single(journeys);
        // Put the hostile subject where a label goes: a claimed step names hosts from a header.
        j.Steps.Add(new JourneyStep
        {
            Kind = JourneyStepKind.Claimed, Ts = j.Steps[^1].Ts, Protocol = "smtp", ClientName = TimelineStories.HostileSubject,
            ServerName = "by\nH9->>H1: injected", Source = "ESMTP;%%", TsFromWire = false,
        });

        var mermaid = MermaidDiagram.Render(j).TrimEnd('\n').Split('\n');
        Assert.Equal("sequenceDiagram", mermaid[0]);
        Assert.All(mermaid.Skip(1), l => Assert.Matches(@"^    (participant H\d+ as |H\d+-{1,2}>>H\d+: |Note over H\d+(,H\d+)?: )[^;%<>#\u001b\u202E]*$",
            Regex.Replace(l, "#[0-9]+;", "")));

        var plant = PlantUmlDiagram.Render(j).TrimEnd('\n').Split('\n');
        Assert.Equal("@startuml", plant[0]);
        Assert.Equal("@enduml", plant[^1]);
        Assert.Equal(1, plant.Count(l => l.TrimStart().StartsWith('@')) - 1); // only @startuml and @enduml begin a line with @
        Assert.All(plant.Skip(1).SkipLast(1), l => Assert.Matches(@"^(title |participant ""[^""]*"" as H\d+$|H\d+ -{1,2}> H\d+ : |note over H\d+(, H\d+)? : )", l));
        Assert.All(plant, l => Assert.DoesNotContain("<img", l));
        Assert.All(plant, l => Assert.DoesNotContain("**", l));
        Assert.All(plant, l => Assert.DoesNotContain("%", l));
        Assert.All(plant, l => Assert.DoesNotContain("\\", l));
    }
}
