using System.Text.Json;
using MailSniffer.Server.Demo;

namespace MailSniffer.Server.Tests;

public class DemoTests
{
    private static DemoAddresses FreshAddresses() => new(TestMailSystem.NextAddress(), TestMailSystem.NextAddress(), TestMailSystem.NextAddress(), TestMailSystem.NextAddress(), TestMailSystem.NextAddress());

    [Fact]
    public async Task Full_story_narrates_every_hop_and_writes_complete_truth()
    {
        var dir = Path.Combine(Path.GetTempPath(), "ms-demo-" + Guid.NewGuid().ToString("N"));
        var lines = new List<string>();
        var options = new DemoOptions { HighPorts = true, OutputDirectory = dir, Addresses = FreshAddresses() };
        var path = await new DemoRunner(options, l => { lock (lines) lines.Add(l); }, null).RunAsync(TestMailSystem.Timeout(120));
        using var doc = JsonDocument.Parse(await File.ReadAllTextAsync(path));
        var root = doc.RootElement;
        var messages = root.GetProperty("messages").EnumerateArray().ToList();
        Assert.Equal(5, messages.Count);
        Assert.All(messages, m => Assert.Matches("^[0-9a-f]{64}$", m.GetProperty("sha256").GetString()!));
        Assert.Single(messages, m => m.GetProperty("submission").GetProperty("encrypted").GetBoolean());
        Assert.Equal(["PLAIN", "LOGIN", "CRAM-MD5", "PLAIN", "PLAIN"], messages.Select(m => m.GetProperty("submission").GetProperty("mechanism").GetString()));
        Assert.Contains(messages, m => m.GetProperty("cc").EnumerateArray().Any(c => c.GetString() == "carol@a.test"));
        var relays = root.GetProperty("relays").EnumerateArray().ToList();
        Assert.Equal(5, relays.Count);
        Assert.All(relays, r =>
        {
            Assert.True(r.GetProperty("succeeded").GetBoolean());
            Assert.Equal(options.Addresses.MxB + ":2525", r.GetProperty("toEndPoint").GetString());
            Assert.Contains(r.GetProperty("lookups").EnumerateArray(), l => l.GetProperty("type").GetString() == "MX" && l.GetProperty("name").GetString() == "b.test");
        });
        var retrievals = root.GetProperty("retrievals").EnumerateArray().ToList();
        Assert.Equal(2, retrievals.Count(r => r.GetProperty("protocol").GetString() == "POP3"));
        Assert.Equal(3, retrievals.Count(r => r.GetProperty("protocol").GetString() == "IMAP"));
        Assert.Equal(5, root.GetProperty("uploads").GetArrayLength());
        Assert.True(root.GetProperty("credentials").GetArrayLength() >= 8);
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$", root.GetProperty("started").GetString()!);
        Assert.Contains(lines, l => l.StartsWith("DNS") && l.Contains("MX b.test -> 10 mx.b.test"));
        Assert.Contains(lines, l => l.StartsWith("RELAY mx.a.test"));
        Assert.Contains(lines, l => l.StartsWith("POP3"));
        Assert.Contains(lines, l => l.StartsWith("IMAP  alice APPEND Sent"));
        Directory.Delete(dir, true);
    }

    [Theory]
    [InlineData(DemoScenario.Pop3, "POP3")]
    [InlineData(DemoScenario.Imap, "IMAP")]
    public async Task Single_protocol_scenarios_read_every_seeded_message(DemoScenario scenario, string protocol)
    {
        var dir = Path.Combine(Path.GetTempPath(), "ms-demo-" + Guid.NewGuid().ToString("N"));
        var options = new DemoOptions { HighPorts = true, OutputDirectory = dir, Scenario = scenario, Addresses = FreshAddresses() };
        var path = await new DemoRunner(options, _ => { }, null).RunAsync(TestMailSystem.Timeout(60));
        using var doc = JsonDocument.Parse(await File.ReadAllTextAsync(path));
        var ids = doc.RootElement.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("messageId").GetString()).ToList();
        var read = doc.RootElement.GetProperty("retrievals").EnumerateArray().Where(r => r.GetProperty("protocol").GetString() == protocol).Select(r => r.GetProperty("messageId").GetString()).ToList();
        Assert.Equal(3, ids.Count);
        Assert.Equal(ids.Order(), read.Order());
        Directory.Delete(dir, true);
    }
}
