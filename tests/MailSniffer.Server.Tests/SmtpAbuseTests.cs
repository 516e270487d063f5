using MailSniffer.Server.Storage;

namespace MailSniffer.Server.Tests;

public class SmtpAbuseTests
{
    private static async Task<RawClient> Open(Hosting.MailSystem system, string domain = "b.test", bool submission = false)
    {
        var c = await RawClient.ConnectAsync(system.EndPoint(domain, d => submission ? d.SubmissionPort : d.SmtpPort));
        Assert.StartsWith("220 ", await c.ReplyAsync());
        return c;
    }

    [Fact]
    public async Task Unauthenticated_relay_is_refused_on_the_incoming_port()
    {
        await using var system = await TestMailSystem.StartAsync();
        await using var c = await Open(system);
        Assert.StartsWith("250", await c.CommandAsync("EHLO attacker.example"));
        Assert.StartsWith("250", await c.CommandAsync("MAIL FROM:<spammer@evil.example>"));
        Assert.StartsWith("554 5.7.1", await c.CommandAsync("RCPT TO:<victim@elsewhere.example>"));
        Assert.StartsWith("554 5.7.1", await c.CommandAsync("RCPT TO:<alice@a.test>"));
        // Tricks that open relays fell for: source routes and percent hacks must not escape the local domain.
        Assert.StartsWith("554 5.7.1", await c.CommandAsync("RCPT TO:<@b.test:victim@elsewhere.example>"));
        Assert.StartsWith("550", await c.CommandAsync("RCPT TO:<victim%elsewhere.example@b.test>"));
        Assert.StartsWith("554", await c.CommandAsync("DATA"));
        Assert.Equal(0, system.Host("b.test").Queue!.Count);
    }

    [Fact]
    public async Task Submission_port_requires_authentication()
    {
        await using var system = await TestMailSystem.StartAsync();
        await using var c = await Open(system, "a.test", submission: true);
        await c.CommandAsync("EHLO client");
        Assert.StartsWith("530", await c.CommandAsync("MAIL FROM:<alice@a.test>"));
    }

    [Fact]
    public async Task Local_delivery_on_port_25_works_and_unknown_users_get_550()
    {
        await using var system = await TestMailSystem.StartAsync();
        await using var c = await Open(system);
        await c.CommandAsync("EHLO mx.elsewhere.example");
        Assert.StartsWith("250", await c.CommandAsync("MAIL FROM:<someone@elsewhere.example> SIZE=100 BODY=8BITMIME"));
        Assert.StartsWith("550 5.1.1", await c.CommandAsync("RCPT TO:<nobody@b.test>"));
        Assert.StartsWith("250", await c.CommandAsync("RCPT TO:<BOB@b.test>"));
        Assert.StartsWith("354", await c.CommandAsync("DATA"));
        Assert.StartsWith("250", await c.CommandAsync("Subject: hi\r\n\r\n..dot\r\nbody\r\n."));
        var store = system.Host("b.test").Store;
        var m = Assert.Single(store.List("bob", IMailStore.Inbox));
        var text = System.Text.Encoding.UTF8.GetString(store.Read("bob", IMailStore.Inbox, m.Uid));
        Assert.EndsWith("Subject: hi\r\n\r\n.dot\r\nbody\r\n", text);
        Assert.StartsWith("Received: from mx.elsewhere.example ([", text);
    }

    [Theory]
    [InlineData("RCPT TO:<bob@b.test>", "503")]
    [InlineData("DATA", "503")]
    [InlineData("MAIL FROM:<a@b> SIZE=999999999", "552")]
    [InlineData("MAIL FROM:<a@b> FOO=BAR", "555")]
    [InlineData("MAIL FROM:bad address here", "501")]
    [InlineData("XYZZY", "500")]
    [InlineData("AUTH DIGEST-MD5", "504")]
    [InlineData("EHLO", "501")]
    public async Task Bad_commands_get_the_right_code_and_the_session_continues(string command, string code)
    {
        await using var system = await TestMailSystem.StartAsync();
        await using var c = await Open(system);
        await c.CommandAsync("EHLO client");
        Assert.StartsWith(code, await c.CommandAsync(command));
        Assert.StartsWith("250", await c.CommandAsync("NOOP"));
    }

    [Fact]
    public async Task Over_long_command_line_gets_500_and_server_stays_up()
    {
        await using var system = await TestMailSystem.StartAsync();
        await using (var c = await Open(system))
        {
            Assert.StartsWith("500 5.5.2", await c.CommandAsync("EHLO " + new string('x', 100_000)));
            await c.SendBytesAsync([0, 1, 2, 0xff, 0xfe, (byte)'\r', (byte)'\n']);
            Assert.StartsWith("500", await c.ReplyAsync());
            Assert.StartsWith("250", await c.CommandAsync("EHLO ok"));
        }
        await using var again = await Open(system);
        Assert.StartsWith("250", await again.CommandAsync("NOOP"));
    }

    [Fact]
    public async Task Oversized_DATA_and_BDAT_get_552_and_nothing_is_stored()
    {
        await using var system = await TestMailSystem.StartAsync();
        await using var c = await Open(system);
        await c.CommandAsync("EHLO client");
        await c.CommandAsync("MAIL FROM:<x@elsewhere.example>");
        await c.CommandAsync("RCPT TO:<bob@b.test>");
        Assert.StartsWith("354", await c.CommandAsync("DATA"));
        var line = new string('a', 990) + "\r\n";
        var big = string.Concat(Enumerable.Repeat(line, 250));
        Assert.StartsWith("552", await c.CommandAsync(big + "."));
        await c.CommandAsync("MAIL FROM:<x@elsewhere.example>");
        await c.CommandAsync("RCPT TO:<bob@b.test>");
        await c.SendAsync("BDAT 300000 LAST\r\n" + new string('b', 300000));
        Assert.StartsWith("552", await c.ReplyAsync());
        Assert.StartsWith("250", await c.CommandAsync("NOOP"));
        Assert.Empty(system.Host("b.test").Store.List("bob", IMailStore.Inbox));
    }

    [Fact]
    public async Task Pipelined_BDAT_chunks_including_empty_last_are_assembled()
    {
        await using var system = await TestMailSystem.StartAsync();
        await using var c = await Open(system);
        await c.CommandAsync("EHLO client");
        await c.SendAsync("MAIL FROM:<x@elsewhere.example>\r\nRCPT TO:<bob@b.test>\r\nBDAT 10\r\nSubject: aBDAT 8\r\n\r\n\r\nbodyBDAT 0 LAST\r\n");
        Assert.StartsWith("250", await c.ReplyAsync());
        Assert.StartsWith("250", await c.ReplyAsync());
        Assert.StartsWith("250", await c.ReplyAsync());
        Assert.StartsWith("250", await c.ReplyAsync());
        Assert.StartsWith("250", await c.ReplyAsync());
        Assert.StartsWith("503", await c.CommandAsync("DATA"));
        var store = system.Host("b.test").Store;
        var m = Assert.Single(store.List("bob", IMailStore.Inbox));
        Assert.EndsWith("Subject: a\r\n\r\nbody", System.Text.Encoding.UTF8.GetString(store.Read("bob", IMailStore.Inbox, m.Uid)));
    }

    [Fact]
    public async Task Silent_client_is_timed_out_with_421()
    {
        var config = TestMailSystem.Config(idleTimeoutSeconds: 1);
        await using var system = await TestMailSystem.StartAsync(config);
        await using var c = await Open(system);
        var started = DateTime.UtcNow;
        Assert.StartsWith("421", await c.ReplyAsync());
        Assert.Null(await c.LineAsync());
        Assert.InRange((DateTime.UtcNow - started).TotalSeconds, 0.5, 10);
    }

    [Fact]
    public async Task Repeated_auth_failures_close_the_connection()
    {
        await using var system = await TestMailSystem.StartAsync();
        await using var c = await Open(system, "a.test", submission: true);
        await c.CommandAsync("EHLO client");
        var bad = "AUTH PLAIN " + Convert.ToBase64String("\0alice\0nope"u8.ToArray());
        Assert.StartsWith("535", await c.CommandAsync(bad));
        Assert.StartsWith("535", await c.CommandAsync(bad));
        Assert.StartsWith("421", await c.CommandAsync(bad));
        Assert.Null(await c.LineAsync());
    }

    [Fact]
    public async Task Connections_beyond_the_limit_get_421()
    {
        var config = TestMailSystem.Config();
        config.Limits.MaxConnectionsPerListener = 2;
        await using var system = await TestMailSystem.StartAsync(config);
        await using var c1 = await Open(system);
        await using var c2 = await Open(system);
        await using var c3 = await RawClient.ConnectAsync(system.EndPoint("b.test", d => d.SmtpPort));
        Assert.StartsWith("421", await c3.ReplyAsync());
    }
}
