using MailKit.Net.Smtp;
using MailKit.Security;
using MailSniffer.Server.Storage;
using MimeKit;

namespace MailSniffer.Server.Tests;

public class SmtpSubmissionTests
{
    private static MimeMessage Message(string to, string subject)
    {
        var m = new MimeMessage();
        m.From.Add(new MailboxAddress("Alice", "alice@a.test"));
        m.To.Add(MailboxAddress.Parse(to));
        m.Subject = subject;
        m.Body = new TextPart("plain") { Text = "Hello\r\n.leading dot line\r\nbye\r\n" };
        return m;
    }

    [Theory]
    [InlineData("PLAIN", false)]
    [InlineData("LOGIN", false)]
    [InlineData("CRAM-MD5", false)]
    [InlineData("PLAIN", true)]
    public async Task MailKit_submits_with_each_mechanism_and_message_is_stored(string mechanism, bool startTls)
    {
        await using var system = await TestMailSystem.StartAsync();
        var ep = system.EndPoint("a.test", d => d.SubmissionPort);
        using var client = new SmtpClient();
        client.ServerCertificateValidationCallback = (_, _, _, _) => true;
        await client.ConnectAsync(ep.Address.ToString(), ep.Port, startTls ? SecureSocketOptions.StartTls : SecureSocketOptions.None, TestMailSystem.Timeout());
        Assert.True(client.Capabilities.HasFlag(SmtpCapabilities.Chunking));
        Assert.True(client.Capabilities.HasFlag(SmtpCapabilities.Pipelining));
        Assert.True(client.Capabilities.HasFlag(SmtpCapabilities.UTF8));
        Assert.True(client.Capabilities.HasFlag(SmtpCapabilities.EightBitMime));
        Assert.True(client.Capabilities.HasFlag(SmtpCapabilities.Size));
        Assert.Equal(startTls, client.IsSecure);
        client.AuthenticationMechanisms.Clear();
        client.AuthenticationMechanisms.Add(mechanism);
        await client.AuthenticateAsync("alice", TestMailSystem.AlicePassword, TestMailSystem.Timeout());
        var msg = Message("alice@a.test", "via " + mechanism);
        await client.SendAsync(msg, TestMailSystem.Timeout());
        await client.DisconnectAsync(true, TestMailSystem.Timeout());

        var store = system.Host("a.test").Store;
        var stored = Assert.Single(store.List("alice", IMailStore.Inbox));
        var parsed = MimeMessage.Load(new MemoryStream(store.Read("alice", IMailStore.Inbox, stored.Uid)));
        Assert.Equal("via " + mechanism, parsed.Subject);
        Assert.Equal(msg.MessageId, parsed.MessageId);
        Assert.Contains(".leading dot line", parsed.TextBody);
        var received = parsed.Headers[HeaderId.Received];
        Assert.Contains("by mx.a.test", received);
        Assert.Contains(startTls ? "ESMTPSA" : "ESMTPA", received);
    }

    [Fact]
    public async Task Wrong_password_is_refused_and_a_retry_with_the_right_one_succeeds()
    {
        await using var system = await TestMailSystem.StartAsync();
        var ep = system.EndPoint("a.test", d => d.SubmissionPort);
        using var client = new SmtpClient();
        await client.ConnectAsync(ep.Address.ToString(), ep.Port, SecureSocketOptions.None, TestMailSystem.Timeout());
        client.AuthenticationMechanisms.Clear();
        client.AuthenticationMechanisms.Add("PLAIN");
        await Assert.ThrowsAsync<AuthenticationException>(() => client.AuthenticateAsync("alice", "wrong", TestMailSystem.Timeout()));
        await client.AuthenticateAsync("alice", TestMailSystem.AlicePassword, TestMailSystem.Timeout());
        Assert.True(client.IsAuthenticated);
    }

    [Fact]
    public async Task Bob_has_no_shared_secret_so_cram_md5_fails_but_plain_works()
    {
        await using var system = await TestMailSystem.StartAsync();
        var ep = system.EndPoint("b.test", d => d.SubmissionPort);
        using var client = new SmtpClient();
        await client.ConnectAsync(ep.Address.ToString(), ep.Port, SecureSocketOptions.None, TestMailSystem.Timeout());
        client.AuthenticationMechanisms.Clear();
        client.AuthenticationMechanisms.Add("CRAM-MD5");
        await Assert.ThrowsAsync<AuthenticationException>(() => client.AuthenticateAsync("bob", TestMailSystem.BobPassword, TestMailSystem.Timeout()));
        client.AuthenticationMechanisms.Clear();
        client.AuthenticationMechanisms.Add("PLAIN");
        await client.AuthenticateAsync("bob", TestMailSystem.BobPassword, TestMailSystem.Timeout());
        Assert.True(client.IsAuthenticated);
    }
}
