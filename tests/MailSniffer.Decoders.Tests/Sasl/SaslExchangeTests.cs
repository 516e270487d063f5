using MailSniffer.Decoders.Sasl;
using static MailSniffer.Decoders.Tests.Support.TestText;

namespace MailSniffer.Decoders.Tests.Sasl;

public sealed class SaslExchangeTests
{
    [Fact]
    public void Plain_uses_the_authentication_identity()
    {
        var x = new SaslExchange("plain", B64("boss\0worker\0pw"));
        Assert.False(x.WantsClientResponse);
        Assert.Equal(new SaslCredential("PLAIN", "worker", "pw", null), x.Credential);
    }

    [Fact]
    public void Plain_with_empty_initial_response_marker_waits_for_a_line()
    {
        var x = new SaslExchange("PLAIN", "=");
        Assert.True(x.WantsClientResponse);
        x.OnServerChallenge("");
        x.OnClientResponse(B64("\0u\0p"));
        Assert.Equal(new SaslCredential("PLAIN", "u", "p", null), x.Credential);
    }

    [Fact]
    public void Login_without_challenges_takes_user_then_password()
    {
        var x = new SaslExchange("LOGIN", null);
        x.OnClientResponse(B64("user1"));
        Assert.True(x.WantsClientResponse);
        x.OnClientResponse(B64("pass1"));
        Assert.False(x.WantsClientResponse);
        Assert.Equal(new SaslCredential("LOGIN", "user1", "pass1", null), x.Credential);
    }

    [Fact]
    public void Cram_md5_without_the_challenge_has_no_hash()
    {
        var x = new SaslExchange("CRAM-MD5", null);
        x.OnClientResponse(B64("joe 0123456789abcdef0123456789abcdef"));
        Assert.Equal(new SaslCredential("CRAM-MD5", "joe", null, null), x.Credential);
    }

    [Fact]
    public void Oauthbearer_reads_the_gs2_user_and_token()
    {
        var x = new SaslExchange("OAUTHBEARER", B64("n,a=user@example.com,\u0001host=server.example.com\u0001auth=Bearer vF9dft4qmT\u0001\u0001"));
        Assert.Equal(new SaslCredential("OAUTHBEARER", "user@example.com", "vF9dft4qmT", null), x.Credential);
    }

    [Fact]
    public void Cancel_and_undecodable_give_no_credential()
    {
        var cancelled = new SaslExchange("LOGIN", null);
        cancelled.OnClientResponse("*");
        Assert.True(cancelled.Cancelled);
        Assert.Null(cancelled.Credential);
        Assert.Null(new SaslExchange("PLAIN", "!!!notbase64").Credential);
        Assert.Null(new SaslExchange("PLAIN", B64("no separators")).Credential);
    }

    [Theory]
    [InlineData("dXNlcg==", true)]
    [InlineData("", true)]
    [InlineData("*", true)]
    [InlineData("MAIL FROM:<a@b>", false)]
    [InlineData("a b", false)]
    public void Response_lines_are_recognised_by_their_alphabet(string line, bool expected) =>
        Assert.Equal(expected, SaslBase64.LooksLikeResponse(line));

    [Fact]
    public void Base64_tolerates_missing_padding()
    {
        Assert.Equal("user", SaslBase64.DecodeText("dXNlcg"));
        Assert.Null(SaslBase64.DecodeText("d$Nlcg=="));
    }

    [Fact]
    public void Hashcat_lines_have_the_documented_shapes()
    {
        Assert.Equal("$cram_md5$PG5vLXJlcGx5QGhhc2hjYXQubmV0Pg==$dXNlciA0NGVhZmQyMmZlNzY2NzBmNmIyODc5MDgxYTdmNWY3MQ==",
            HashcatLine.CramMd5("PG5vLXJlcGx5QGhhc2hjYXQubmV0Pg==", "dXNlciA0NGVhZmQyMmZlNzY2NzBmNmIyODc5MDgxYTdmNWY3MQ=="));
        Assert.Equal("c4c9334bac560ecc979e58001b3e22fb:<1896.697170952@dbc.mtview.ca.us>",
            HashcatLine.Apop("C4C9334BAC560ECC979E58001B3E22FB", "<1896.697170952@dbc.mtview.ca.us>"));
    }
}
