using MailSniffer.Decoders.Events;
using static MailSniffer.Decoders.Tests.Support.ImapTranscriptTurn;

namespace MailSniffer.Decoders.Tests.Imap;

public class ImapCredentialTests
{
    [Fact]
    public void Login_with_atoms_accepted()
    {
        var ev = ImapTestKit.Replay(S("* OK IMAP4rev1 ready\r\n"), C("a1 LOGIN alice s3cret\r\n"), S("a1 OK LOGIN completed\r\n"));
        var cred = Assert.Single(ev.Of<CredentialEvent>());
        Assert.Equal(("LOGIN", "alice", "s3cret", true), (cred.Mechanism, cred.Username, cred.Password, cred.Accepted));
        var cmd = Assert.Single(ev.Of<ImapCommandEvent>());
        Assert.Equal(("a1", "LOGIN", "alice s3cret"), (cmd.Tag, cmd.Command, cmd.Args));
    }

    [Fact]
    public void Login_with_escaped_quoted_strings_is_unescaped()
    {
        var ev = ImapTestKit.Replay(C("a1 LOGIN \"bob smith\" \"p\\\"q r\\\\s\"\r\n"), S("a1 NO [AUTHENTICATIONFAILED] bad\r\n"));
        var cred = Assert.Single(ev.Of<CredentialEvent>());
        Assert.Equal("bob smith", cred.Username);
        Assert.Equal("p\"q r\\s", cred.Password);
        Assert.False(cred.Accepted);
    }

    [Fact]
    public void Login_with_literals_and_continuations()
    {
        var ev = ImapTestKit.Replay(
            C("a1 LOGIN {5}\r\n"), S("+ Ready for literal\r\n"), C("al ce {6}\r\n"), S("+ go\r\n"), C("pa\r\nss\r\n"), S("a1 OK done\r\n"));
        var cred = Assert.Single(ev.Of<CredentialEvent>());
        Assert.Equal("al ce", cred.Username);
        Assert.Equal("pa\r\nss", cred.Password);
        Assert.True(cred.Accepted);
        Assert.Equal("{5} {6}", Assert.Single(ev.Of<ImapCommandEvent>()).Args);
    }

    [Fact]
    public void Login_non_synchronizing_literal()
    {
        var ev = ImapTestKit.Replay(C("a1 LOGIN {3+}\r\nbob {4+}\r\npass\r\n"), S("a1 OK\r\n"));
        var cred = Assert.Single(ev.Of<CredentialEvent>());
        Assert.Equal(("bob", "pass"), (cred.Username, cred.Password));
    }

    [Fact]
    public void Login_without_answer_has_unknown_acceptance()
    {
        var ev = ImapTestKit.Replay(C("a1 LOGIN carol pw\r\n"));
        Assert.Null(Assert.Single(ev.Of<CredentialEvent>()).Accepted);
    }

    [Fact]
    public void Authenticate_plain_with_sasl_ir()
    {
        string ir = Convert.ToBase64String("\0dave\0hunter2"u8.ToArray());
        var ev = ImapTestKit.Replay(C($"A001 AUTHENTICATE PLAIN {ir}\r\n"), S("A001 OK Success\r\n"));
        var cred = Assert.Single(ev.Of<CredentialEvent>());
        Assert.Equal(("PLAIN", "dave", "hunter2", true), (cred.Mechanism, cred.Username, cred.Password, cred.Accepted));
    }

    [Fact]
    public void Authenticate_plain_after_continuation_then_a_command()
    {
        string resp = Convert.ToBase64String("admin\0erin\0pw with space"u8.ToArray());
        var ev = ImapTestKit.Replay(C("a AUTHENTICATE PLAIN\r\n"), S("+ \r\n"), C(resp + "\r\n"), S("a NO failed\r\n"), C("b NOOP\r\n"), S("b OK\r\n"));
        var cred = Assert.Single(ev.Of<CredentialEvent>());
        Assert.Equal(("erin", "pw with space", false), (cred.Username, cred.Password, cred.Accepted));
        // The base64 line is a SASL response, not a command; NOOP is a command again.
        Assert.Equal(new[] { "AUTHENTICATE", "NOOP" }, ev.Of<ImapCommandEvent>().Select(c => c.Command));
    }

    [Fact]
    public void Authenticate_login_decodes_prompts()
    {
        static string B(string s) => Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(s));
        // Prompts deliberately in the unusual order: password asked first.
        var ev = ImapTestKit.Replay(C("x AUTHENTICATE LOGIN\r\n"), S($"+ {B("Password:")}\r\n"), C(B("secret") + "\r\n"),
            S($"+ {B("User Name")}\r\n"), C(B("frank") + "\r\n"), S("x OK\r\n"));
        var cred = Assert.Single(ev.Of<CredentialEvent>());
        Assert.Equal(("LOGIN", "frank", "secret", true), (cred.Mechanism, cred.Username, cred.Password, cred.Accepted));
    }

    [Fact]
    public void Authenticate_cram_md5_gives_hashcat_line()
    {
        string challenge = Convert.ToBase64String("<1896.697170952@postoffice.example.net>"u8.ToArray());
        string response = Convert.ToBase64String("tim b913a602c7eda7a495b4e6e7334d3890"u8.ToArray());
        var ev = ImapTestKit.Replay(C("c AUTHENTICATE CRAM-MD5\r\n"), S($"+ {challenge}\r\n"), C(response + "\r\n"), S("c OK\r\n"));
        var cred = Assert.Single(ev.Of<CredentialEvent>());
        Assert.Equal("tim", cred.Username);
        Assert.Null(cred.Password);
        Assert.Equal($"$cram_md5${challenge}${response}", cred.Hash);
    }

    [Fact]
    public void Authenticate_cancelled_with_star_gives_no_credential()
    {
        var ev = ImapTestKit.Replay(C("c AUTHENTICATE PLAIN\r\n"), S("+ \r\n"), C("*\r\n"), S("c BAD cancelled\r\n"), C("d LOGOUT\r\n"));
        Assert.Empty(ev.Of<CredentialEvent>());
        Assert.Equal("LOGOUT", ev.Of<ImapCommandEvent>().Last().Command);
    }
}
