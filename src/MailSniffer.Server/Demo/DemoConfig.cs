using MailSniffer.Server.Auth;
using MailSniffer.Server.Config;

namespace MailSniffer.Server.Demo;

/// <summary>The demo's mail system: a.test (alice, carol) and b.test (bob), in memory, with published passwords.</summary>
public static class DemoConfig
{
    public const string AlicePassword = "wonderland";
    public const string CarolPassword = "carol-secret";
    public const string BobPassword = "builder";

    public static MailSystemConfig Build(DemoAddresses addresses, DemoPorts ports)
    {
        DomainConfig Domain(string name, string address, params UserConfig[] users) => new()
        {
            Name = name,
            MxHost = "mx." + name,
            Address = address,
            SmtpPort = ports.Smtp,
            SubmissionPort = ports.Submission,
            Pop3Port = ports.Pop3,
            ImapPort = ports.Imap,
            RelayPort = ports.Smtp,
            Users = [.. users],
        };
        return new MailSystemConfig
        {
            InMemory = true,
            Dns = new DnsConfig { Address = addresses.Dns, Port = ports.Dns },
            Queue = new QueueConfig { RetryDelaysSeconds = [1, 2], MaxAttempts = 3, PollIntervalSeconds = 0.2, ConnectTimeoutSeconds = 5 },
            Domains =
            [
                // a.test's users have shared secrets so the demo can show CRAM-MD5; bob has only a hash.
                Domain("a.test", addresses.MxA,
                    new UserConfig { Name = "alice", PasswordHash = PasswordHasher.Hash(AlicePassword, 10_000), SharedSecret = AlicePassword },
                    new UserConfig { Name = "carol", PasswordHash = PasswordHasher.Hash(CarolPassword, 10_000), SharedSecret = CarolPassword }),
                Domain("b.test", addresses.MxB,
                    new UserConfig { Name = "bob", PasswordHash = PasswordHasher.Hash(BobPassword, 10_000) }),
            ],
        };
    }
}
