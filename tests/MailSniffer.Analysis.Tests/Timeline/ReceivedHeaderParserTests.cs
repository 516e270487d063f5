using System.Net;
using MailSniffer.Analysis.Timeline;

namespace MailSniffer.Analysis.Tests.Timeline;

public class ReceivedHeaderParserTests
{
    [Fact]
    public void Reads_postfix_header()
    {
        var h = ReceivedHeaderParser.Parse(0,
            " from laptop.example (dsl-1.isp.example [203.0.113.5])\r\n\t(Authenticated sender: alice)\r\n\tby mx.example.com (Postfix) with ESMTPSA id 4ABC123\r\n\tfor <bob@example.com>; Sun, 22 Nov 2026 10:00:01 +0100 (CET)");
        Assert.Equal("laptop.example", h.FromName);
        Assert.Equal("dsl-1.isp.example", h.FromRdns);
        Assert.Equal(IPAddress.Parse("203.0.113.5"), h.FromAddress);
        Assert.Equal("mx.example.com", h.ByName);
        Assert.Equal("ESMTPSA", h.With);
        Assert.Equal("4ABC123", h.Id);
        Assert.Equal("bob@example.com", h.For);
        Assert.Equal("alice", h.AuthenticatedAs);
        Assert.True(h.SaysTls);
        Assert.True(h.SaysAuthenticated);
        Assert.Equal(new DateTimeOffset(2026, 11, 22, 9, 0, 1, TimeSpan.Zero), h.Date);
    }

    [Fact]
    public void Reads_exim_header_with_helo_in_comment()
    {
        var h = ReceivedHeaderParser.Parse(1, "from [198.51.100.9] (helo=pc.local)\r\n\tby mail.example with esmtp (Exim 4.96)\r\n\t(envelope-from <a@example>)\r\n\tid 1qXyZa-000123-AB\r\n\tfor b@example; Sun, 22 Nov 2026 10:00:01 +0000");
        Assert.Equal("pc.local", h.FromName);
        Assert.Equal(IPAddress.Parse("198.51.100.9"), h.FromAddress);
        Assert.Equal("mail.example", h.ByName);
        Assert.Equal("esmtp", h.With);
        Assert.Equal("1qXyZa-000123-AB", h.Id);
        Assert.Equal("b@example", h.For);
        Assert.False(h.SaysTls);
        Assert.Equal(1, h.Position);
    }

    [Fact]
    public void Reads_our_servers_header_and_ipv6_literals()
    {
        var ours = ReceivedHeaderParser.Parse(0, TestMail.OurReceived("laptop.a.test", "127.0.0.10", "mx.a.test", "0A1B2C", "bob@b.test", "alice@a.test", tls: true)["Received:".Length..]);
        Assert.Equal("laptop.a.test", ours.FromName);
        Assert.Equal(IPAddress.Parse("127.0.0.10"), ours.FromAddress);
        Assert.Equal("alice@a.test", ours.AuthenticatedAs);
        Assert.Equal("0A1B2C", ours.Id);
        Assert.Equal("ESMTPSA", ours.With);

        var v6 = ReceivedHeaderParser.Parse(0, "from client (client.example [IPv6:2001:db8::25]) by mx with LMTP id abc; Sun, 22 Nov 2026 10:00:01 +0000");
        Assert.Equal(IPAddress.Parse("2001:db8::25"), v6.FromAddress);
        Assert.Equal("LMTP", v6.With);
        Assert.False(v6.SaysTls);
    }

    [Theory]
    [InlineData("")]
    [InlineData(";;;;")]
    [InlineData("((((((((((")]
    [InlineData("from")]
    [InlineData("by by by with with id id for for ; ;")]
    [InlineData("from [999.1.1.1] (helo=) by ; Mon, 99 Foo 99999 99:99:99")]
    [InlineData("from x ([IPv6:zz::zz]) (authenticated as ) by y")]
    public void Never_throws_on_garbage(string value)
    {
        var h = ReceivedHeaderParser.Parse(0, value);
        Assert.NotNull(h.Raw);
        Assert.Null(h.Date);
    }

    [Fact]
    public void Sendmail_header_without_date_and_sendmail_may_be_forged()
    {
        var h = ReceivedHeaderParser.Parse(0, "from helo.example (host.example [192.0.2.1] (may be forged)) by relay.example (8.17.1/8.17.1) with ESMTP id 2AMA01x7012345");
        Assert.Equal("helo.example", h.FromName);
        Assert.Equal(IPAddress.Parse("192.0.2.1"), h.FromAddress);
        Assert.Equal("2AMA01x7012345", h.Id);
        Assert.Null(h.Date);
    }

    [Fact]
    public void Exchange_version_is_not_taken_for_a_queue_id()
    {
        var h = ReceivedHeaderParser.Parse(0, "from BG1-MX.example (45.0.10.15) by BG1-MX.example (45.0.10.15) with Microsoft SMTP Server (version=TLS1_2, cipher=TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384) id 15.1.2507.6; Fri, 6 Dec 2024 12:59:02 +0100");
        Assert.Null(h.Id);
        Assert.Equal("BG1-MX.example", h.ByName);
        Assert.Equal(IPAddress.Parse("45.0.10.15"), h.FromAddress);
    }

    [Theory]
    [InlineData("from laptop.a.test ([127.0.2.1]:45199) (authenticated as alice@a.test) by mx.a.test (MailSniffer) with ESMTPSA id 7A; Sun, 22 Nov 2026 10:00:01 +0000", "127.0.2.1", 45199)]
    [InlineData("from pc ([IPv6:2001:db8::5]:587) by mx.a.test with ESMTP id 7B", "2001:db8::5", 587)]
    [InlineData("from laptop.a.test ([127.0.2.1]) by mx.a.test with ESMTP id 7C", "127.0.2.1", null)]
    [InlineData("from laptop.a.test ([127.0.2.1]:99999) by mx.a.test with ESMTP id 7D", "127.0.2.1", null)]
    [InlineData("from laptop.a.test ([127.0.2.1]:) by mx.a.test with ESMTP id 7E", "127.0.2.1", null)]
    public void Reads_the_client_port_written_after_the_address(string value, string address, int? port)
    {
        var h = ReceivedHeaderParser.Parse(0, value);
        Assert.Equal(System.Net.IPAddress.Parse(address), h.FromAddress);
        Assert.Equal(port, h.FromPort);
    }
}
