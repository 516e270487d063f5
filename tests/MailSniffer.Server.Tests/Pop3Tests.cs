using MailKit.Net.Pop3;
using MailKit.Security;
using MailSniffer.Server.Storage;

namespace MailSniffer.Server.Tests;

public class Pop3Tests
{
    [Theory]
    [InlineData("USER", false)]
    [InlineData("PLAIN", false)]
    [InlineData("PLAIN", true)]
    public async Task MailKit_lists_reads_and_deletes(string mechanism, bool stls)
    {
        await using var system = await TestMailSystem.StartAsync();
        var seeded = await MailboxSeeding.SeedAsync(system, 3);
        var ep = system.EndPoint("b.test", d => d.Pop3Port);
        using (var client = new Pop3Client())
        {
            client.ServerCertificateValidationCallback = (_, _, _, _) => true;
            await client.ConnectAsync(ep.Address.ToString(), ep.Port, stls ? SecureSocketOptions.StartTls : SecureSocketOptions.None, TestMailSystem.Timeout());
            Assert.Equal(stls, client.IsSecure);
            Assert.True(client.Capabilities.HasFlag(Pop3Capabilities.UIDL));
            Assert.True(client.Capabilities.HasFlag(Pop3Capabilities.Top));
            client.AuthenticationMechanisms.Clear();
            if (mechanism == "USER") client.Capabilities &= ~(Pop3Capabilities.Sasl | Pop3Capabilities.Apop);
            else client.AuthenticationMechanisms.Add(mechanism);
            await client.AuthenticateAsync("bob", TestMailSystem.BobPassword, TestMailSystem.Timeout());
            Assert.Equal(3, client.Count);
            var uids = await client.GetMessageUidsAsync();
            Assert.Equal(3, uids.Distinct().Count());
            var sizes = await client.GetMessageSizesAsync();
            for (var i = 0; i < 3; i++)
            {
                var m = await client.GetMessageAsync(i);
                Assert.Equal(seeded[i].MessageId, m.MessageId);
                Assert.Equal(seeded[i].TextBody, m.TextBody);
                Assert.Equal(MailboxSeeding.Bytes(seeded[i]).Length, sizes[i]);
                var headers = await client.GetMessageHeadersAsync(i);
                Assert.Equal(seeded[i].Subject, headers[MimeKit.HeaderId.Subject]);
            }
            await client.DeleteMessageAsync(1);
            await client.DisconnectAsync(true);
        }
        var left = system.Host("b.test").Store.List("bob", IMailStore.Inbox);
        Assert.Equal(2, left.Count);
        Assert.All(left, m => Assert.True(m.Flags.HasFlag(MessageFlags.Seen)));
    }

    [Fact]
    public async Task MailKit_uses_APOP_for_a_user_with_a_shared_secret()
    {
        await using var system = await TestMailSystem.StartAsync();
        await MailboxSeeding.SeedAsync(system, 1, "a.test", "alice");
        var ep = system.EndPoint("a.test", d => d.Pop3Port);
        using var client = new Pop3Client();
        await client.ConnectAsync(ep.Address.ToString(), ep.Port, SecureSocketOptions.None, TestMailSystem.Timeout());
        Assert.True(client.Capabilities.HasFlag(Pop3Capabilities.Apop));
        client.Capabilities &= ~Pop3Capabilities.Sasl;
        client.Capabilities &= ~Pop3Capabilities.User;
        await client.AuthenticateAsync("alice", TestMailSystem.AlicePassword, TestMailSystem.Timeout());
        Assert.Equal(1, client.Count);
    }

    [Fact]
    public async Task Raw_transcript_TOP_RSET_and_errors()
    {
        await using var system = await TestMailSystem.StartAsync();
        await MailboxSeeding.SeedAsync(system, 2);
        await using var c = await RawClient.ConnectAsync(system.EndPoint("b.test", d => d.Pop3Port));
        Assert.StartsWith("+OK", await c.LineAsync());
        await c.SendAsync("STAT\r\n");
        Assert.StartsWith("-ERR", await c.LineAsync());
        await c.SendAsync("USER bob\r\nPASS wrong\r\n");
        Assert.StartsWith("+OK", await c.LineAsync());
        Assert.StartsWith("-ERR [AUTH]", await c.LineAsync());
        await c.SendAsync("USER bob\r\nPASS " + TestMailSystem.BobPassword + "\r\n");
        await c.LineAsync();
        Assert.StartsWith("+OK bob has 2", await c.LineAsync());
        await c.SendAsync("TOP 1 1\r\n");
        Assert.StartsWith("+OK", await c.LineAsync());
        var lines = new List<string>();
        string? line;
        while ((line = await c.LineAsync()) != ".") lines.Add(line!);
        Assert.Contains(lines, l => l.StartsWith("Subject: message 0"));
        Assert.Equal("body of 0", lines[^1]);
        await c.SendAsync("DELE 1\r\nDELE 1\r\nRSET\r\nSTAT\r\nRETR 99\r\n");
        Assert.StartsWith("+OK", await c.LineAsync());
        Assert.StartsWith("-ERR", await c.LineAsync());
        Assert.StartsWith("+OK", await c.LineAsync());
        Assert.StartsWith("+OK 2 ", await c.LineAsync());
        Assert.StartsWith("-ERR", await c.LineAsync());
        await c.SendAsync("RETR 2\r\n");
        Assert.StartsWith("+OK", await c.LineAsync());
        var body = new List<string>();
        while ((line = await c.LineAsync()) != ".") body.Add(line!);
        Assert.Contains("..starts with dot", body);
        await c.SendAsync("QUIT\r\n");
        Assert.StartsWith("+OK", await c.LineAsync());
        Assert.Equal(2, system.Host("b.test").Store.List("bob", IMailStore.Inbox).Count);
    }
}
