using System.Net;
using MailSniffer.Server.Auth;
using MailSniffer.Server.Config;
using MailSniffer.Server.Hosting;

namespace MailSniffer.Server.Tests;

/// <summary>
/// Two domains (a.test, b.test) and a DNS server, each on its own random 127/8 address so tests can run
/// in parallel on fixed high ports without colliding.
/// </summary>
internal static class TestMailSystem
{
    public const string AlicePassword = "alice-pw";
    public const string BobPassword = "bob \"pw\\x";
    private static int _counter = Random.Shared.Next(0, 200_000);

    // Cheap hashes keep tests fast; production uses the default iteration count.
    private static readonly string AliceHash = PasswordHasher.Hash(AlicePassword, 1000);
    private static readonly string BobHash = PasswordHasher.Hash(BobPassword, 1000);

    public static string NextAddress()
    {
        var n = Interlocked.Increment(ref _counter);
        return $"127.{10 + (n / 65536 % 200)}.{n / 256 % 256}.{1 + n % 250}";
    }

    public static MailSystemConfig Config(string? dataDirectory = null, int idleTimeoutSeconds = 30)
    {
        return new MailSystemConfig
        {
            DataDirectory = dataDirectory ?? Path.Combine(Path.GetTempPath(), "ms-test-" + Guid.NewGuid().ToString("N")),
            InMemory = dataDirectory is null,
            Dns = new DnsConfig { Address = NextAddress(), Port = 5353 },
            Limits = new LimitsConfig { IdleTimeoutSeconds = idleTimeoutSeconds, MaxMessageBytes = 200_000 },
            Queue = new QueueConfig { RetryDelaysSeconds = [0.5, 1], MaxAttempts = 3, PollIntervalSeconds = 0.2, ConnectTimeoutSeconds = 5 },
            Domains =
            [
                new DomainConfig
                {
                    Name = "a.test", MxHost = "mx.a.test", Address = NextAddress(),
                    SmtpPort = 2525, SubmissionPort = 5587, Pop3Port = 1110, ImapPort = 1143, RelayPort = 2525,
                    Users = [new UserConfig { Name = "alice", PasswordHash = AliceHash, SharedSecret = AlicePassword }],
                },
                new DomainConfig
                {
                    Name = "b.test", MxHost = "mx.b.test", Address = NextAddress(),
                    SmtpPort = 2525, SubmissionPort = 5587, Pop3Port = 1110, ImapPort = 1143, RelayPort = 2525,
                    Users = [new UserConfig { Name = "bob", PasswordHash = BobHash }],
                },
            ],
        };
    }

    public static Task<MailSystem> StartAsync(MailSystemConfig? config = null, Action<MailSystemEvents>? subscribe = null) =>
        MailSystem.StartAsync(config ?? Config(), subscribe);

    public static IPEndPoint EndPoint(this MailSystem system, string domain, Func<DomainConfig, int> port)
    {
        var d = system.Config.Domains.Single(x => x.Name == domain);
        return new IPEndPoint(IPAddress.Parse(d.Address), port(d));
    }

    public static CancellationToken Timeout(int seconds = 30) => new CancellationTokenSource(TimeSpan.FromSeconds(seconds)).Token;

    /// <summary>Polls until the condition holds, for work the server finishes after replying (relay).</summary>
    public static async Task WaitUntil(Func<bool> condition, int seconds = 20)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("condition not met in time");
            await Task.Delay(50);
        }
    }
}
