using System.Collections.Concurrent;
using MailKit.Net.Smtp;
using MailKit.Security;
using MailSniffer.Server.Hosting;
using MailSniffer.Server.Storage;
using MimeKit;

namespace MailSniffer.Server.Tests;

public class DeliveryTests
{
    [Fact]
    public async Task Message_for_b_test_is_relayed_via_MX_lookup_and_arrives_once_with_two_Received_headers()
    {
        var queries = new ConcurrentQueue<DnsQueryLog>();
        var relays = new ConcurrentQueue<RelayLog>();
        await using var system = await TestMailSystem.StartAsync(subscribe: e =>
        {
            e.DnsQuery += queries.Enqueue;
            e.Relayed += relays.Enqueue;
        });
        var ep = system.EndPoint("a.test", d => d.SubmissionPort);
        var msg = new MimeMessage();
        msg.From.Add(MailboxAddress.Parse("alice@a.test"));
        msg.To.Add(MailboxAddress.Parse("bob@b.test"));
        msg.Subject = "relay me";
        msg.Body = new TextPart("plain") { Text = "across domains" };
        using (var client = new SmtpClient())
        {
            await client.ConnectAsync(ep.Address.ToString(), ep.Port, SecureSocketOptions.None, TestMailSystem.Timeout());
            await client.AuthenticateAsync("alice", TestMailSystem.AlicePassword, TestMailSystem.Timeout());
            await client.SendAsync(msg, TestMailSystem.Timeout());
            await client.DisconnectAsync(true);
        }
        var bobStore = system.Host("b.test").Store;
        await TestMailSystem.WaitUntil(() => bobStore.List("bob", IMailStore.Inbox).Count > 0);
        await Task.Delay(500);
        var stored = Assert.Single(bobStore.List("bob", IMailStore.Inbox));
        var parsed = MimeMessage.Load(new MemoryStream(bobStore.Read("bob", IMailStore.Inbox, stored.Uid)));
        Assert.Equal(msg.MessageId, parsed.MessageId);
        var received = parsed.Headers.Where(h => h.Id == HeaderId.Received).Select(h => h.Value).ToList();
        Assert.Equal(2, received.Count);
        Assert.Contains("by mx.b.test", received[0]);
        Assert.Contains("from mx.a.test", received[0]);
        Assert.Contains("by mx.a.test", received[1]);
        Assert.Contains(queries, q => q.Name == "b.test" && q.Type == "MX" && q.Answers.Single() == "10 mx.b.test");
        Assert.Contains(queries, q => q.Name == "mx.b.test" && q.Type == "A");
        var relay = Assert.Single(relays);
        Assert.True(relay.Succeeded);
        Assert.Equal(system.Config.Domains[1].Address + ":2525", relay.ToEndPoint);
        Assert.StartsWith(system.Config.Domains[0].Address + ":", relay.FromEndPoint);
        Assert.Equal(0, system.Host("a.test").Queue!.Count);
    }

    [Fact]
    public async Task Unreachable_domain_is_retried_then_bounced_to_the_local_sender()
    {
        var config = TestMailSystem.Config();
        config.Domains.Add(new Config.DomainConfig { Name = "c.test", MxHost = "mx.c.test", Address = TestMailSystem.NextAddress(), SmtpPort = 0, SubmissionPort = 0, Pop3Port = 0, ImapPort = 0 });
        var relays = new ConcurrentQueue<RelayLog>();
        await using var system = await TestMailSystem.StartAsync(config, e => e.Relayed += relays.Enqueue);
        var ep = system.EndPoint("a.test", d => d.SubmissionPort);
        await using var c = await RawClient.ConnectAsync(ep);
        await c.ReplyAsync();
        await c.CommandAsync("EHLO client");
        Assert.StartsWith("235", await c.CommandAsync("AUTH PLAIN " + Convert.ToBase64String("\0alice\0alice-pw"u8.ToArray())));
        await c.CommandAsync("MAIL FROM:<alice@a.test>");
        Assert.StartsWith("250", await c.CommandAsync("RCPT TO:<carol@c.test>"));
        Assert.StartsWith("354", await c.CommandAsync("DATA"));
        Assert.StartsWith("250", await c.CommandAsync("Subject: nobody home\r\nMessage-ID: <x1@a.test>\r\n\r\nhi\r\n."));
        var store = system.Host("a.test").Store;
        await TestMailSystem.WaitUntil(() => store.List("alice", IMailStore.Inbox).Count > 0);
        Assert.Equal(3, relays.Count(r => !r.Succeeded));
        var bounce = store.Read("alice", IMailStore.Inbox, store.List("alice", IMailStore.Inbox)[0].Uid);
        var text = System.Text.Encoding.UTF8.GetString(bounce);
        Assert.Contains("MAILER-DAEMON@a.test", text);
        Assert.Contains("<carol@c.test>", text);
        Assert.Contains("<x1@a.test>", text);
    }
}
