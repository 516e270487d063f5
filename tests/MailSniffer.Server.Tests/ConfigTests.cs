using MailSniffer.Server.Auth;
using MailSniffer.Server.Config;

namespace MailSniffer.Server.Tests;

public class ConfigTests
{
    [Fact]
    public void Documented_example_config_loads_and_its_hashes_match_the_documented_passwords()
    {
        var config = ConfigLoader.Load(Path.Combine(CaptureStreams.Root(), "docs", "examples", "serve.json"));
        Assert.Equal(["a.test", "b.test"], config.Domains.Select(d => d.Name));
        Assert.True(Path.IsPathRooted(config.DataDirectory));
        var users = config.Domains.SelectMany(d => d.Users).ToDictionary(u => u.Name);
        Assert.True(PasswordHasher.Verify("wonderland", users["alice"].PasswordHash!));
        Assert.True(PasswordHasher.Verify("builder", users["bob"].PasswordHash!));
        Assert.False(PasswordHasher.Verify("Builder", users["bob"].PasswordHash!));
        Assert.Null(users["bob"].SharedSecret);
    }

    [Fact]
    public void Non_loopback_addresses_are_refused_unless_allowed()
    {
        var config = TestMailSystem.Config();
        config.Domains[0].Address = "192.0.2.10";
        Assert.Contains("not a loopback", Assert.Throws<InvalidDataException>(() => ConfigLoader.Validate(config)).Message);
        config.AllowNonLoopback = true;
        ConfigLoader.Validate(config);
    }

    [Theory]
    [InlineData("")]
    [InlineData("pbkdf2-sha256$x$y$z")]
    [InlineData("pbkdf2-sha256$1000$!!!$???")]
    [InlineData("md5$1$a$b")]
    public void Malformed_hashes_never_verify(string hash) => Assert.False(PasswordHasher.Verify("anything", hash));

    [Fact]
    public async Task RequireTlsForAuth_refuses_plaintext_AUTH_and_LOGIN()
    {
        var config = TestMailSystem.Config();
        config.Domains[1].RequireTlsForAuth = true;
        await using var system = await TestMailSystem.StartAsync(config);
        await using (var smtp = await RawClient.ConnectAsync(system.EndPoint("b.test", d => d.SubmissionPort)))
        {
            await smtp.ReplyAsync();
            await smtp.SendAsync("EHLO c\r\n");
            var ehlo = new List<string>();
            string line;
            do ehlo.Add(line = (await smtp.LineAsync())!); while (line[3] == '-');
            Assert.DoesNotContain(ehlo, l => l.Contains("AUTH"));
            Assert.Contains(ehlo, l => l.Contains("STARTTLS"));
            Assert.StartsWith("538", await smtp.CommandAsync("AUTH PLAIN " + SaslPlain.ToBase64("\0bob\0" + TestMailSystem.BobPassword)));
        }
        await using var imap = await RawClient.ConnectAsync(system.EndPoint("b.test", d => d.ImapPort));
        Assert.Contains("LOGINDISABLED", await imap.LineAsync());
        await imap.SendAsync("a LOGIN bob x\r\n");
        Assert.StartsWith("a NO [PRIVACYREQUIRED]", await imap.LineAsync());
    }
}
