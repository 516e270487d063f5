using System.Net.Sockets;
using System.Text;

namespace MailSniffer.Server.Tests;

/// <summary>Garbage, binary and adversarial command shapes on every listener: the server answers or hangs up, and stays up.</summary>
public class HostileInputTests
{
    private static readonly string[] Adversarial =
    [
        "a1 LOGIN {5}\r\n",
        "a2 FETCH 1:* (" + new string('(', 200) + "\r\n",
        "a3 SEARCH OR OR OR OR\r\n",
        "a4 UID FETCH 4294967295:* (BODY[HEADER.FIELDS (" + string.Join(' ', Enumerable.Repeat("X", 500)) + ")])\r\n",
        "a5 APPEND INBOX (\\Seen) \"99-Foo-2020 99:99:99 +9999\" {3}\r\nabc\r\n",
        "\"unterminated\r\n",
        "a6 FETCH 1 BODY[]<99999999999999999999.5>\r\n",
        "BDAT 99999999999999999999\r\n",
        "AUTH PLAIN ====\r\n",
        "AUTH LOGIN\r\n!!!\r\n",
        "APOP bob\r\n",
        "TOP -1 -1\r\n",
        "MAIL FROM:<" + new string('a', 400) + "\r\n",
        "\0\0\0\r\n",
    ];

    [Fact]
    public async Task Random_and_adversarial_bytes_never_take_a_listener_down()
    {
        var crashes = new System.Collections.Concurrent.ConcurrentQueue<string>();
        await using var system = await TestMailSystem.StartAsync(TestMailSystem.Config(idleTimeoutSeconds: 3),
            e => e.Log += line => { if (line.Contains("session failed", StringComparison.Ordinal)) crashes.Enqueue(line); });
        await MailboxSeeding.SeedAsync(system, 2);
        var random = new Random(20261122);
        var ports = new (string Name, Func<Config.DomainConfig, int> Port, string Greeting)[]
        {
            ("smtp", d => d.SmtpPort, "220 "), ("submission", d => d.SubmissionPort, "220 "), ("pop3", d => d.Pop3Port, "+OK"), ("imap", d => d.ImapPort, "* OK"),
        };
        foreach (var (name, port, greeting) in ports)
        {
            var ep = system.EndPoint("b.test", port);
            for (var round = 0; round < 12; round++)
            {
                using var tcp = new TcpClient();
                await tcp.ConnectAsync(ep, TestMailSystem.Timeout(10));
                var stream = tcp.GetStream();
                try
                {
                    if (round % 3 == 0 && name == "imap") await stream.WriteAsync(Encoding.ASCII.GetBytes("x LOGIN bob {9}\r\n" + "bob \"bob \\\"pw\\\\x\"\r\n"));
                    var payload = round < Adversarial.Length ? Encoding.UTF8.GetBytes(Adversarial[round]) : new byte[random.Next(1, 4000)];
                    if (round >= Adversarial.Length) random.NextBytes(payload);
                    await stream.WriteAsync(payload);
                    await stream.WriteAsync("\r\nQUIT\r\nx LOGOUT\r\n"u8.ToArray());
                    // Drain whatever the server says until it closes or goes quiet.
                    var buffer = new byte[65536];
                    using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                    while (await stream.ReadAsync(buffer, cts.Token) > 0) { }
                }
                catch (Exception e) when (e is IOException or OperationCanceledException or SocketException)
                {
                }
            }
            await using var check = await RawClient.ConnectAsync(ep);
            Assert.StartsWith(greeting, await check.LineAsync());
        }
        // Hostile bytes must be answered by the protocol code, never escape it as an unexpected exception.
        Assert.Empty(crashes);
    }
}
