using System.Security.Cryptography;
using System.Text;
using MailSniffer.Decoders.Events;
using MailSniffer.Decoders.Tests.Support;
using static MailSniffer.Decoders.Tests.Support.TestText;
using static MailSniffer.Decoders.Tests.Smtp.SmtpReplay;

namespace MailSniffer.Decoders.Tests.Smtp;

/// <summary>SMTP AUTH transcripts: secrets decoded, outcome taken from the server's 235/535.</summary>
public sealed class SmtpAuthTests
{
    [Fact]
    public void Plain_inline_and_after_334()
    {
        var t = new Transcript()
            .S("220 mx").C("EHLO c").S("250-mx", "250 AUTH PLAIN LOGIN")
            .C("AUTH PLAIN " + B64("\0alice\0wrong")).S("535 5.7.8 bad")
            .C("AUTH PLAIN").S("334 ")
            .C(B64("admin\0alice\0right")).S("235 2.7.0 ok")
            .C("MAIL FROM:<alice@x>", "RCPT TO:<b@y>", "DATA").S("250 ok", "250 ok", "354 go")
            .C("x", ".").S("250 ok");
        var events = Decode(t);
        Assert.Equal([("PLAIN", "alice", "wrong", null, false), ("PLAIN", "alice", "right", null, true)],
            events.OfType<CredentialEvent>().Select(CredentialFields));
        Assert.Equal("alice", Assert.Single(events.OfType<MessageEvent>()).User);
        // SASL responses are not commands.
        Assert.Equal(["EHLO", "AUTH", "AUTH", "MAIL", "RCPT", "DATA"], events.OfType<SmtpCommandEvent>().Select(c => c.Verb));
    }

    [Fact]
    public void Login_prompts_are_decoded_not_matched()
    {
        // Unusual prompt wording, and the password prompt first: the decoder must read the prompts.
        var t = new Transcript()
            .S("220 mx")
            .C("AUTH LOGIN").S("334 " + B64("Your password, please:"))
            .C(B64("s3cret")).S("334 " + B64("And the user name:"))
            .C(B64("bob")).S("235 ok");
        var c = Assert.Single(Decode(t).OfType<CredentialEvent>());
        Assert.Equal(("LOGIN", "bob", "s3cret", null, true), CredentialFields(c));
    }

    [Fact]
    public void Login_with_username_on_the_auth_line()
    {
        var t = new Transcript()
            .S("220 mx")
            .C("auth login " + B64("carol@example.com")).S("334 UGFzc3dvcmQ6")
            .C(B64("pässword")).S("235 ok");
        var c = Assert.Single(Decode(t).OfType<CredentialEvent>());
        Assert.Equal(("LOGIN", "carol@example.com", "pässword", null, true), CredentialFields(c));
    }

    [Fact]
    public void Cram_md5_yields_a_hashcat_16400_line()
    {
        string challenge = B64("<1896.697170952@postoffice.reston.mci.net>");
        string digest = Convert.ToHexStringLower(HMACMD5.HashData(Encoding.ASCII.GetBytes("tanstaaftanstaaf"),
            Encoding.ASCII.GetBytes("<1896.697170952@postoffice.reston.mci.net>")));
        Assert.Equal("b913a602c7eda7a495b4e6e7334d3890", digest); // RFC 2195's worked example
        string response = B64("tim " + digest);
        var t = new Transcript().S("220 mx").C("AUTH CRAM-MD5").S("334 " + challenge).C(response).S("235 ok");
        var c = Assert.Single(Decode(t).OfType<CredentialEvent>());
        Assert.Equal(("CRAM-MD5", "tim", null, $"$cram_md5${challenge}${response}", true), CredentialFields(c));
    }

    [Fact]
    public void Xoauth2_token_is_the_secret_and_error_challenge_is_answered_empty()
    {
        string ir = B64("user=dave@example.com\u0001auth=Bearer ya29.token-value\u0001\u0001");
        var t = new Transcript()
            .S("220 mx")
            .C("AUTH XOAUTH2 " + ir).S("334 " + B64("{\"status\":\"401\"}"))
            .C("").S("535 5.7.8 invalid")
            .C("NOOP").S("250 ok");
        var events = Decode(t);
        var c = Assert.Single(events.OfType<CredentialEvent>());
        Assert.Equal(("XOAUTH2", "dave@example.com", "ya29.token-value", null, false), CredentialFields(c));
        Assert.Equal(["AUTH", "NOOP"], events.OfType<SmtpCommandEvent>().Select(e => e.Verb));
        Assert.DoesNotContain(events, e => e is AnomalyEvent);
    }

    [Fact]
    public void Star_cancels_the_attempt()
    {
        var t = new Transcript()
            .S("220 mx")
            .C("AUTH LOGIN").S("334 VXNlcm5hbWU6")
            .C(B64("eve")).S("334 UGFzc3dvcmQ6")
            .C("*").S("501 cancelled")
            .C("QUIT").S("221 bye");
        var events = Decode(t);
        Assert.Empty(events.OfType<CredentialEvent>());
        Assert.Contains(events.OfType<SmtpCommandEvent>(), c => c.Verb == "QUIT");
    }

    [Fact]
    public void Unknown_mechanism_lines_are_not_commands_until_the_server_answers()
    {
        var t = new Transcript()
            .S("220 mx")
            .C("AUTH NTLM TlRMTVNTUAABAAAAB4IIogAAAAAAAAAAAAAAAAAAAAAGAbEdAAAADw==").S("334 TlRMTVNTUAACAAAA")
            .C("TlRMTVNTUAADAAAAGAAYAEAAAAA=").S("235 ok")
            .C("QUIT");
        var events = Decode(t);
        Assert.Empty(events.OfType<CredentialEvent>());
        Assert.Equal(["AUTH", "QUIT"], events.OfType<SmtpCommandEvent>().Select(c => c.Verb));
    }
}
