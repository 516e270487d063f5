using System.Text;

namespace MailSniffer.Server.Tests;

public class DurabilityTests
{
    private static int CountWithMessageId(string maildir, string messageId)
    {
        var files = new[] { "new", "cur" }.Select(d => Path.Combine(maildir, d)).Where(Directory.Exists).SelectMany(Directory.EnumerateFiles);
        return files.Count(f => File.ReadAllText(f).Contains($"Message-ID: <{messageId}>", StringComparison.Ordinal));
    }

    private static async Task SendAsync(System.Net.IPEndPoint ep, bool authenticate, string rcpt, string messageId)
    {
        await using var c = await RawClient.ConnectAsync(ep);
        await c.ReplyAsync();
        await c.CommandAsync("EHLO client");
        if (authenticate) Assert.StartsWith("235", await c.CommandAsync("AUTH PLAIN " + Convert.ToBase64String(Encoding.UTF8.GetBytes("\0alice\0" + TestMailSystem.AlicePassword))));
        Assert.StartsWith("250", await c.CommandAsync("MAIL FROM:<alice@a.test>"));
        Assert.StartsWith("250", await c.CommandAsync($"RCPT TO:<{rcpt}>"));
        Assert.StartsWith("354", await c.CommandAsync("DATA"));
        // The process is killed the moment this 250 arrives: nothing after the reply may be needed for durability.
        Assert.StartsWith("250", await c.CommandAsync($"Subject: durable\r\nMessage-ID: <{messageId}>\r\n\r\nsurvive kill -9\r\n."));
    }

    [Fact]
    public async Task Acknowledged_messages_survive_SIGKILL_and_are_delivered_exactly_once()
    {
        var data = Path.Combine(Path.GetTempPath(), "ms-durable-" + Guid.NewGuid().ToString("N"));
        var configPath = data + ".json";
        try
        {
            var config = TestMailSystem.Config(dataDirectory: data);
            var b = config.Domains[1];
            // While b.test's MX is down, the relayed message can only be in a.test's queue when the process dies.
            var bSmtp = b.SmtpPort;
            b.SmtpPort = 0;
            var submission = new System.Net.IPEndPoint(System.Net.IPAddress.Parse(config.Domains[0].Address), config.Domains[0].SubmissionPort);
            var incoming = new System.Net.IPEndPoint(System.Net.IPAddress.Parse(config.Domains[0].Address), config.Domains[0].SmtpPort);

            using (var p1 = await ServerProcess.StartAsync(config, configPath))
            {
                await SendAsync(submission, authenticate: true, "bob@b.test", "relayed@a.test");
                p1.Kill();
            }
            var queueDir = Path.Combine(data, "a.test", "queue");
            Assert.Single(Directory.GetFiles(queueDir, "*.json"));

            using (var p2 = await ServerProcess.StartAsync(config, configPath))
            {
                await SendAsync(incoming, authenticate: false, "alice@a.test", "local@a.test");
                p2.Kill();
            }
            var aliceMaildir = Path.Combine(data, "a.test", "mail", "alice", "Maildir");
            Assert.Equal(1, CountWithMessageId(aliceMaildir, "local@a.test"));

            b.SmtpPort = bSmtp;
            using (var p3 = await ServerProcess.StartAsync(config, configPath))
            {
                var bobMaildir = Path.Combine(data, "b.test", "mail", "bob", "Maildir");
                await TestMailSystem.WaitUntil(() => CountWithMessageId(bobMaildir, "relayed@a.test") > 0, 30);
                await TestMailSystem.WaitUntil(() => Directory.GetFiles(queueDir, "*.json").Length == 0, 10);
                await Task.Delay(1500);
                Assert.Equal(1, CountWithMessageId(bobMaildir, "relayed@a.test"));
                Assert.Equal(1, CountWithMessageId(aliceMaildir, "local@a.test"));
                Assert.Empty(Directory.GetFiles(queueDir, "*.eml"));
            }
        }
        finally
        {
            if (Directory.Exists(data)) Directory.Delete(data, true);
            File.Delete(configPath);
        }
    }
}
