using MailSniffer.Server.Storage;

namespace MailSniffer.Server.Tests;

public class SwaksInteropTests
{
    [Theory]
    [InlineData("PLAIN")]
    [InlineData("LOGIN")]
    [InlineData("CRAM-MD5")]
    public async Task Swaks_authenticates_and_pipelines(string mechanism)
    {
        await using var system = await TestMailSystem.StartAsync();
        var ep = system.EndPoint("a.test", d => d.SubmissionPort);
        var (exit, output, err) = await ExternalTool.RunAsync("swaks", ["--server", ep.Address.ToString(), "--port", ep.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--from", "alice@a.test", "--to", "alice@a.test", "--auth", mechanism, "--auth-user", "alice", "--auth-password", TestMailSystem.AlicePassword,
            "--pipeline", "--header", "Subject: swaks " + mechanism, "--body", "hello from swaks"]);
        Assert.True(exit == 0, output + err);
        Assert.Contains("235", output);
        var store = system.Host("a.test").Store;
        var m = Assert.Single(store.List("alice", IMailStore.Inbox));
        Assert.Contains("Subject: swaks " + mechanism, MailboxSeeding.Text(store.Read("alice", IMailStore.Inbox, m.Uid)));
    }

    [Fact]
    public async Task Swaks_relay_attempt_without_auth_is_refused()
    {
        await using var system = await TestMailSystem.StartAsync();
        var ep = system.EndPoint("b.test", d => d.SmtpPort);
        var (exit, output, _) = await ExternalTool.RunAsync("swaks", ["--server", ep.Address.ToString(), "--port", ep.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--from", "spam@evil.example", "--to", "victim@elsewhere.example"]);
        Assert.NotEqual(0, exit);
        Assert.Contains("554 5.7.1", output);
        Assert.Equal(0, system.Host("b.test").Queue!.Count);
    }
}
