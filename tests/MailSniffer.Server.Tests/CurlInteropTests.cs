using MailSniffer.Server.Storage;

namespace MailSniffer.Server.Tests;

public class CurlInteropTests
{
    [Fact]
    public async Task Curl_submits_over_smtp_with_auth()
    {
        await using var system = await TestMailSystem.StartAsync();
        var ep = system.EndPoint("a.test", d => d.SubmissionPort);
        var message = "From: alice@a.test\r\nTo: alice@a.test\r\nSubject: from curl\r\nMessage-ID: <curl1@a.test>\r\n\r\n.dot line\r\nsent by curl\r\n";
        var (exit, _, err) = await ExternalTool.RunAsync("curl", ["-sS", "--url", $"smtp://{ep}", "--mail-from", "alice@a.test", "--mail-rcpt", "alice@a.test",
            "--user", $"alice:{TestMailSystem.AlicePassword}", "--upload-file", "-"], message);
        Assert.True(exit == 0, err);
        var store = system.Host("a.test").Store;
        var m = Assert.Single(store.List("alice", IMailStore.Inbox));
        Assert.EndsWith(message, MailboxSeeding.Text(store.Read("alice", IMailStore.Inbox, m.Uid)));
    }

    [Fact]
    public async Task Curl_reads_by_pop3_and_imap_with_auth()
    {
        await using var system = await TestMailSystem.StartAsync();
        var seeded = await MailboxSeeding.SeedAsync(system, 2);
        var user = $"bob:{TestMailSystem.BobPassword}";
        var pop = system.EndPoint("b.test", d => d.Pop3Port);
        var (exit, output, err) = await ExternalTool.RunAsync("curl", ["-sS", $"pop3://{pop}/2", "--user", user]);
        Assert.True(exit == 0, err);
        Assert.Equal(MailboxSeeding.Text(MailboxSeeding.Bytes(seeded[1])), output);

        var imap = system.EndPoint("b.test", d => d.ImapPort);
        (exit, output, err) = await ExternalTool.RunAsync("curl", ["-sS", $"imap://{imap}/INBOX;UID=1", "--user", user]);
        Assert.True(exit == 0, err);
        Assert.Equal(MailboxSeeding.Text(MailboxSeeding.Bytes(seeded[0])), output);

        (exit, output, err) = await ExternalTool.RunAsync("curl", ["-sS", $"imap://{imap}/INBOX?SUBJECT%20odd", "--user", user]);
        Assert.True(exit == 0, err);
        Assert.Equal("* SEARCH 2", output.Trim());
    }
}
