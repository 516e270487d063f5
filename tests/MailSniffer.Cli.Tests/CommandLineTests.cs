using System.Security.Cryptography;
using System.Text.Json;

namespace MailSniffer.Cli.Tests;

/// <summary>The program as a user runs it: every command's help, outputs on the shipped captures, and clear errors.</summary>
public class CommandLineTests
{
    private static readonly string Full = CliProcess.Capture("demo-full-plaintext.pcapng");

    [Theory]
    [InlineData("flows"), InlineData("follow"), InlineData("read"), InlineData("export"), InlineData("creds"), InlineData("timeline"),
     InlineData("exposure"), InlineData("interfaces"), InlineData("serve"), InlineData("demo"), InlineData("tui")]
    public void EveryCommandHasHelp(string command)
    {
        var r = CliProcess.Run(command, "--help");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("Usage:", r.Text);
        Assert.Contains(command, r.Text);
    }

    [Fact]
    public void FlowsJsonHasTheDocumentedFields()
    {
        var r = CliProcess.Run("flows", Full, "--json");
        Assert.Equal(0, r.ExitCode);
        var lines = r.Text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length >= 10);
        foreach (var line in lines)
        {
            var o = JsonDocument.Parse(line).RootElement;
            Assert.Equal("flow", o.GetProperty("type").GetString());
            foreach (var f in new[] { "id", "packets", "bytes_c2s", "bytes_s2c", "gaps", "gap_bytes" })
                Assert.Equal(JsonValueKind.Number, o.GetProperty(f).ValueKind);
            foreach (var f in new[] { "transport", "client", "server", "start", "end", "end_reason" })
                Assert.Equal(JsonValueKind.String, o.GetProperty(f).ValueKind);
            Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$", o.GetProperty("start").GetString());
        }
    }

    [Fact]
    public void FollowRawGivesExactlyTheBytesFlowsCounted()
    {
        var flows = CliProcess.Run("flows", Full, "--json").Text.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => JsonDocument.Parse(l).RootElement).Where(o => o.GetProperty("transport").GetString() == "tcp").Take(3);
        foreach (var f in flows)
        {
            long id = f.GetProperty("id").GetInt64();
            Assert.Equal(f.GetProperty("bytes_c2s").GetInt64(), CliProcess.Run("follow", Full, "--flow", id.ToString(), "--raw", "c2s").Stdout.LongLength);
            Assert.Equal(f.GetProperty("bytes_s2c").GetInt64(), CliProcess.Run("follow", Full, "--flow", id.ToString(), "--raw", "s2c").Stdout.LongLength);
        }
        var text = CliProcess.Run("follow", Full, "--flow", "1");
        Assert.Contains("C> EHLO", text.Text);
        Assert.Contains("S> 220", text.Text);
    }

    [Fact]
    public void ReadJsonStreamsEveryRecordType()
    {
        var r = CliProcess.Run("read", Full, "--json");
        Assert.Equal(0, r.ExitCode);
        var types = r.Text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("type").GetString()).ToHashSet();
        foreach (var t in new[] { "flow", "smtp.command", "smtp.reply", "pop3.command", "pop3.reply", "imap.command", "imap.response", "dns.query", "dns.answer", "message", "credential" })
            Assert.Contains(t, types);
    }

    [Fact]
    public void StartTlsCaptureReportsTheEncryptedSession()
    {
        var r = CliProcess.Run("read", CliProcess.Capture("demo-full-starttls.pcapng"), "--json");
        var tls = r.Text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement)
            .Where(o => o.GetProperty("type").GetString() == "tls").ToList();
        Assert.NotEmpty(tls);
        Assert.All(tls, o => Assert.Equal("starttls", o.GetProperty("kind").GetString()));
    }

    [Fact]
    public void ExportWritesEveryMessageExactlyAndAnMbox()
    {
        string dir = Path.Combine(Path.GetTempPath(), $"ms-export-{Guid.NewGuid():N}");
        try
        {
            var r = CliProcess.Run("export", Full, "--out", dir);
            Assert.Equal(0, r.ExitCode);
            var truth = new DemoTruth(Path.ChangeExtension(Full, null) + ".truth.json");
            var hashes = Directory.GetFiles(dir, "*.eml").Select(f => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(f)))).ToHashSet();
            foreach (var m in truth.Items("messages"))
                Assert.Contains(m.GetProperty("sha256").GetString()!, hashes);
            Assert.True(File.Exists(Path.Combine(dir, "all.mbox")));
            // Running again never overwrites: new names get suffixes.
            int before = Directory.GetFiles(dir, "*.eml").Length;
            CliProcess.Run("export", Full, "--out", dir);
            Assert.Equal(2 * before, Directory.GetFiles(dir, "*.eml").Length);
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void CredsShowsPasswordsAndHashcatLines()
    {
        var table = CliProcess.Run("creds", Full);
        Assert.Equal(0, table.ExitCode);
        Assert.Contains("wonderland", table.Text);
        var hashes = CliProcess.Run("creds", Full, "--hashcat").Text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains(hashes, h => h.StartsWith("$cram_md5$"));
        Assert.DoesNotContain(hashes, h => h.Contains("wonderland"));
    }

    [Fact]
    public void TimelineTellsTheStoryAndDrawsDiagrams()
    {
        var story = CliProcess.Run("timeline", Full);
        Assert.Equal(0, story.ExitCode);
        Assert.Contains("submits to", story.Text);
        Assert.Contains("MX b.test", story.Text);
        Assert.Contains("relays to", story.Text);
        Assert.Contains("POP3", story.Text);
        Assert.Contains("IMAP", story.Text);
        var mermaid = CliProcess.Run("timeline", Full, "--diagram", "mermaid");
        Assert.Contains("sequenceDiagram", mermaid.Text);
        var json = CliProcess.Run("timeline", Full, "--json").Text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.All(json, l => Assert.Equal("journey", JsonDocument.Parse(l).RootElement.GetProperty("type").GetString()));
        var exposure = CliProcess.Run("exposure", Full);
        Assert.Equal(0, exposure.ExitCode);
        Assert.DoesNotContain("wonderland", exposure.Text); // masked unless --reveal
    }

    [Fact]
    public void MissingAndNonCaptureFilesGiveOneClearLine()
    {
        var missing = CliProcess.Run("flows", "/nonexistent/x.pcap");
        Assert.Equal(1, missing.ExitCode);
        Assert.DoesNotContain("   at ", missing.Stderr);
        Assert.Contains("x.pcap", missing.Stderr);

        string junk = Path.GetTempFileName();
        File.WriteAllText(junk, "this is not a capture");
        try
        {
            var r = CliProcess.Run("read", junk);
            Assert.Equal(1, r.ExitCode);
            Assert.Contains("not a pcap or pcapng", r.Stderr);
            Assert.DoesNotContain("   at ", r.Stderr);
        }
        finally { File.Delete(junk); }

        var usage = CliProcess.Run("flows");
        Assert.Equal(2, usage.ExitCode);
        Assert.Contains("capture FILE", usage.Stderr);
    }

    [Fact]
    public void UnknownInterfaceGivesAnExplanationNotAStackTrace()
    {
        var r = CliProcess.Run("flows", "-i", "no-such-device-0");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("no-such-device-0", r.Stderr);
        Assert.DoesNotContain("   at ", r.Stderr);
    }

    [Fact]
    public void DamagedCaptureGivesAWarningAndIsReadPastTheDamage()
    {
        string? shared = TestSupport.TestPaths.SharedCaptures;
        if (shared == null) return; // the shared public captures are beside the repo in CI and on developer machines
        var damaged = CliProcess.Run("flows", Path.Combine(shared, "surv-smtp-corrupt-record-length.pcap"), "--json");
        Assert.Equal(0, damaged.ExitCode);
        Assert.Contains("Bogus record length", damaged.Stderr);
        Assert.Contains("skipped 3 bytes to the next readable record", damaged.Stderr);
        // Suricata damaged a copy of this capture: past the damage the connection reads as in the original.
        var original = CliProcess.Run("flows", Path.Combine(shared, "surv-smtp-data-rejected-pipelining.pcap"), "--json");
        var flow = System.Text.Json.JsonDocument.Parse(Assert.Single(damaged.Text.Split('\n', StringSplitOptions.RemoveEmptyEntries))).RootElement;
        var expected = System.Text.Json.JsonDocument.Parse(Assert.Single(original.Text.Split('\n', StringSplitOptions.RemoveEmptyEntries))).RootElement;
        Assert.Equal(expected.GetProperty("bytes_c2s").GetInt64(), flow.GetProperty("bytes_c2s").GetInt64());
        Assert.Equal(expected.GetProperty("bytes_s2c").GetInt64(), flow.GetProperty("bytes_s2c").GetInt64());
        Assert.Equal(0, flow.GetProperty("gaps").GetInt64());
    }
}
