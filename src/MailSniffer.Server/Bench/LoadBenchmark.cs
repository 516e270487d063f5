using System.Collections.Concurrent;
using System.Diagnostics;
using MailKit.Net.Smtp;
using MailKit.Security;
using MailSniffer.Server.Auth;
using MailSniffer.Server.Config;
using MailSniffer.Server.Hosting;
using MimeKit;
using IMailStore = MailSniffer.Server.Storage.IMailStore;

namespace MailSniffer.Server.Bench;

/// <summary>
/// N concurrent MailKit clients, each sending M messages over one connection to the incoming port, then a
/// check that every accepted message is in the mailbox exactly once (by Message-ID).
/// </summary>
public static class LoadBenchmark
{
    public static async Task<BenchmarkResult> RunAsync(int clients, int messagesPerClient, string? dataDirectory, Action<string> log, CancellationToken ct)
    {
        var config = new MailSystemConfig
        {
            InMemory = dataDirectory is null,
            DataDirectory = dataDirectory ?? "",
            Dns = new DnsConfig { Enabled = false, Address = "127.0.3.2", Port = 5353 },
            Limits = new LimitsConfig { MaxConnectionsPerListener = clients + 10 },
            Domains = [new DomainConfig { Name = "bench.test", MxHost = "mx.bench.test", Address = "127.0.3.1", SmtpPort = 2526, SubmissionPort = 0, Pop3Port = 0, ImapPort = 0,
                Users = [new UserConfig { Name = "sink", PasswordHash = PasswordHasher.Hash("unused", 1000) }] }],
        };
        await using var system = await MailSystem.StartAsync(config);
        var accepted = new ConcurrentBag<string>();
        var failed = 0;
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(c => Task.Run(async () =>
        {
            using var client = new SmtpClient();
            try
            {
                await client.ConnectAsync("127.0.3.1", 2526, SecureSocketOptions.None, ct);
                for (var i = 0; i < messagesPerClient; i++)
                {
                    var m = new MimeMessage();
                    m.From.Add(MailboxAddress.Parse($"client{c}@load.example"));
                    m.To.Add(MailboxAddress.Parse("sink@bench.test"));
                    m.Subject = $"load {c}/{i}";
                    m.MessageId = $"load-{c}-{i}@load.example";
                    m.Body = new TextPart("plain") { Text = new string('x', 1000) + "\r\n" };
                    try
                    {
                        await client.SendAsync(m, ct);
                        accepted.Add(m.MessageId);
                    }
                    catch (SmtpCommandException)
                    {
                        Interlocked.Increment(ref failed);
                    }
                }
                await client.DisconnectAsync(true, ct);
            }
            catch (Exception e) when (e is IOException or SmtpProtocolException or System.Net.Sockets.SocketException)
            {
                log($"client {c}: {e.Message}");
                Interlocked.Add(ref failed, 1);
            }
        }, ct)));
        watch.Stop();
        var store = system.Host("bench.test").Store;
        var stored = store.List("sink", IMailStore.Inbox);
        var ids = stored.Select(m => MessageHeaders.Find(store.Read("sink", IMailStore.Inbox, m.Uid), "Message-ID")).ToList();
        var distinct = ids.Distinct().Count(id => id is not null && accepted.Contains(id.Trim('<', '>')));
        return new BenchmarkResult(clients, messagesPerClient, accepted.Count, failed, stored.Count, distinct, watch.Elapsed, dataDirectory is null ? "memory" : "maildir (fsync)");
    }
}
