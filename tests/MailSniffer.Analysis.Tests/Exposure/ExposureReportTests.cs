using System.Text;
using System.Text.Json;
using MailSniffer.Analysis.Exposure;
using MailSniffer.Analysis.Tests.Timeline;
using MailSniffer.Analysis.Views.Timeline;
using MailSniffer.Core.Flows;

namespace MailSniffer.Analysis.Tests.Exposure;

public class ExposureReportTests
{
    private static ExposureReport Report(TimelineScenario sc) => ExposureReport.From(sc.Builder, sc.Build());

    [Fact]
    public void Capture_wide_report_lists_what_crossed_in_clear_text_and_where()
    {
        var (sc, _) = TimelineStories.FullStory();
        var r = Report(sc);

        Assert.Equal(3, r.Flows.Count);
        Assert.Equal(3, r.ClearFlows);
        Assert.Equal(0, r.EncryptedFlows);
        Assert.Equal(["alice@a.test", "bob@b.test"], r.Credentials.Select(c => c.Username).Order());
        var alice = r.Addresses.Single(a => a.Address == "alice@a.test");
        Assert.Equal([1L, 5, 6], alice.Flows);
        Assert.Equal(3, r.Messages.Count);
        Assert.All(r.Messages, m => Assert.Equal(1, m.Journey));
        Assert.All(r.Messages, m => Assert.Equal("Quarterly numbers", m.Subject));
        Assert.All(r.Messages, m => Assert.True(m.Body));
        Assert.All(r.Messages, m => Assert.Equal("q3.pdf", Assert.Single(m.Attachments).FileName));
        Assert.Equal(["MX b.test", "A mx.b.test", "AAAA mx.b.test"], r.DnsQuestions);
    }

    [Fact]
    public void Encrypted_sessions_are_counted_as_protected()
    {
        var r = Report(TimelineStories.HostileEncryptedStory());
        Assert.Equal(1, r.EncryptedFlows);
        Assert.Equal(1, r.ClearFlows);
        var encrypted = r.Flows.Single(f => f.Encrypted);
        Assert.Equal("starttls", encrypted.TlsKind);
        Assert.Equal(0, encrypted.Messages);
        var j = Assert.Single(r.Journeys);
        Assert.Equal([0], j.Exposure.EncryptedSteps);
        Assert.Equal([1], j.Exposure.ClearSteps);
        Assert.Empty(j.Exposure.Credentials);
    }

    [Fact]
    public void Hashes_are_reported_as_crackable_and_printed_only_when_revealed()
    {
        var sc = new TimelineScenario();
        long pop = sc.Tcp("127.0.0.20", 52000, "127.0.3.1", 110, 0);
        sc.Protocol(pop, 0, "pop3");
        sc.Credential(pop, 0.1, "pop3", "APOP", "bob", null, "$apop$<1.2@host>$c4c9334bac560ecc979e58001b3e22fb");
        sc.Message(pop, 0.5, "pop3", "TOP", Direction.ServerToClient, Encoding.ASCII.GetBytes("Subject: only headers\r\nMessage-ID: <t@x>\r\n\r\n"), user: "bob", partial: true);
        sc.End(pop);
        var r = Report(sc);

        var text = new StringWriter();
        new ExposureTextWriter().Write(text, r);
        Assert.Contains("POP3 APOP user bob: hash (crackable offline; use --reveal to print)", text.ToString());
        Assert.DoesNotContain("c4c9334b", text.ToString());
        Assert.Contains("\"only headers\" — headers only", text.ToString());
        var revealed = new StringWriter();
        new ExposureTextWriter { RevealSecrets = true }.Write(revealed, r);
        Assert.Contains("c4c9334bac560ecc979e58001b3e22fb", revealed.ToString());

        var ms = new MemoryStream();
        ExposureJson.Write(ms, r);
        var lines = Encoding.UTF8.GetString(ms.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        using var exposure = JsonDocument.Parse(lines[0]);
        Assert.Equal("exposure", exposure.RootElement.GetProperty("type").GetString());
        var cred = exposure.RootElement.GetProperty("credentials")[0];
        Assert.True(cred.GetProperty("hash_exposed").GetBoolean());
        Assert.False(cred.GetProperty("password_exposed").GetBoolean());
        Assert.StartsWith("$apop$", cred.GetProperty("hash").GetString());
        Assert.False(exposure.RootElement.GetProperty("messages")[0].GetProperty("body").GetBoolean());
        using var journey = JsonDocument.Parse(lines[1]);
        Assert.Equal("journey", journey.RootElement.GetProperty("type").GetString());

        var hidden = new MemoryStream();
        ExposureJson.Write(hidden, r, includeSecrets: false);
        Assert.DoesNotContain("c4c9334b", Encoding.UTF8.GetString(hidden.ToArray()));
    }

    [Fact]
    public void Exposure_text_escapes_hostile_strings()
    {
        var text = new StringWriter();
        new ExposureTextWriter().Write(text, Report(TimelineStories.HostileEncryptedStory()));
        Assert.DoesNotContain('\u001b', text.ToString());
        Assert.DoesNotContain('\u202E', text.ToString());
        Assert.Contains("\\e[31mRED", text.ToString());
    }
}
