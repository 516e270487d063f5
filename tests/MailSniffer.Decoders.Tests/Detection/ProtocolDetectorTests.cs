using System.Text;
using MailSniffer.Decoders.Detection;
using MailSniffer.Decoders.Tests.Dns;

namespace MailSniffer.Decoders.Tests.Detection;

public class ProtocolDetectorTests
{
    private static readonly ProtocolDetector Detector = new();

    private static DetectionResult Detect(string client, string server, ushort port, bool final = false) =>
        Detector.Detect(Encoding.ASCII.GetBytes(client), Encoding.ASCII.GetBytes(server), port, final);

    [Theory]
    // Greetings, on standard and non-standard ports.
    [InlineData("", "220 mx.b.test ESMTP Postfix\r\n", 25, "smtp")]
    [InlineData("", "220 mx.b.test ESMTP Postfix\r\n", 8025, "smtp")]
    [InlineData("", "+OK Dovecot ready.\r\n", 110, "pop3")]
    [InlineData("", "+OK Dovecot ready.\r\n", 2110, "pop3")]
    [InlineData("", "* OK [CAPABILITY IMAP4rev1] ready\r\n", 143, "imap")]
    [InlineData("", "* OK IMAP4 ready\r\n", 31337, "imap")]
    [InlineData("", "* PREAUTH IMAP4rev1 logged in\r\n", 10143, "imap")]
    // Greeting on a port that says otherwise: content wins.
    [InlineData("", "+OK POP3 ready\r\n", 143, "pop3")]
    [InlineData("", "* OK IMAP ready\r\n", 25, "imap")]
    // Picked up mid-stream.
    [InlineData("MAIL FROM:<a@b.test> SIZE=100\r\n", "", 9999, "smtp")]
    [InlineData("RCPT TO:<c@d.test>\r\n", "", 9999, "smtp")]
    [InlineData("", "250-PIPELINING\r\n250 8BITMIME\r\n", 9999, "smtp")]
    [InlineData("a001 FETCH 1:* (FLAGS)\r\n", "", 9999, "imap")]
    [InlineData("", "* 3 FETCH (FLAGS (\\Seen))\r\n", 9999, "imap")]
    [InlineData("", "a5 OK FETCH completed\r\n", 9999, "imap")]
    [InlineData("CAPA\r\n", "", 9999, "pop3")]
    [InlineData("RETR 1\r\n", "", 9999, "pop3")]
    // Client-only captures.
    [InlineData("EHLO client.b.test\r\n", "", 2525, "smtp")]
    [InlineData("USER alice\r\n", "", 110, "pop3")]
    [InlineData("a1 LOGIN alice secret\r\n", "", 143, "imap")]
    [InlineData("1 CAPABILITY\r\n", "", 143, "imap")]
    public void Decides_by_content(string client, string server, int port, string expected)
    {
        var r = Detect(client, server, (ushort)port);
        Assert.Equal(DetectionVerdict.Decided, r.Verdict);
        Assert.Equal(expected, r.Protocol);
        Assert.False(string.IsNullOrEmpty(r.Evidence));
    }

    [Fact]
    public void Starts_after_greeting_with_capa_then_auth()
    {
        // surv-pop3-auth-xoauth2.pcap begins like this.
        var r = Detect("CAPA\r\nAUTH XOAUTH2\r\n", "+OK\r\nSASL XOAUTH2\r\n.\r\n", 110);
        Assert.Equal(("pop3", DetectionVerdict.Decided), (r.Protocol, r.Verdict));
    }

    [Fact]
    public void Incomplete_line_waits_for_more()
    {
        Assert.Equal(DetectionVerdict.Undecided, Detect("", "220 mx", 25).Verdict);
        Assert.Equal(DetectionVerdict.Undecided, Detect("", "", 25).Verdict);
        Assert.Equal(DetectionVerdict.Undecided, Detector.Detect(new byte[] { 0x16, 3 }, default, 993, false).Verdict);
    }

    [Fact]
    public void Port_breaks_a_tie_but_never_decides_alone()
    {
        Assert.Equal(DetectionVerdict.Undecided, Detect("QUIT\r\n", "", 110).Verdict);
        var quit110 = Detect("QUIT\r\n", "", 110, final: true);
        Assert.Equal(("pop3", DetectionVerdict.Decided), (quit110.Protocol, quit110.Verdict));
        Assert.Equal("smtp", Detect("QUIT\r\n", "", 587, final: true).Protocol);
        Assert.Equal(DetectionVerdict.Unknown, Detect("QUIT\r\n", "", 8080, final: true).Verdict);
        Assert.Equal(DetectionVerdict.Unknown, Detect("GET / HTTP/1.1\r\nHost: x\r\n\r\n", "HTTP/1.1 200 OK\r\n", 143, final: true).Verdict);
        Assert.Equal(DetectionVerdict.Unknown, Detect("", "", 25, final: true).Verdict);
    }

    [Fact]
    public void Body_lines_are_not_commands()
    {
        Assert.Equal(DetectionVerdict.Unknown, Detect("Mail me later\r\nData is here\r\nlist of things\r\n", "", 9999, final: true).Verdict);
    }

    [Theory]
    [InlineData(993)]
    [InlineData(465)]
    [InlineData(995)]
    [InlineData(8443)]
    public void Tls_by_record_header_on_any_port(int port)
    {
        var hello = Tls.ClientHelloBuilder.Build("x.test");
        var r = Detector.Detect(hello, default, (ushort)port, false);
        Assert.Equal(("tls", DetectionVerdict.Decided), (r.Protocol, r.Verdict));
    }

    [Fact]
    public void Dns_over_tcp_by_parse()
    {
        var q = new DnsWireBuilder { Id = 3 }.Question("b.test", 15).Build();
        byte[] framed = [.. DnsWireBuilder.U16((ushort)q.Length), .. q];
        var r = Detector.Detect(framed, default, 5300, false);
        Assert.Equal(("dns", DetectionVerdict.Decided), (r.Protocol, r.Verdict));
        Assert.True(ProtocolDetector.LooksLikeDnsDatagram(q, 40000, 5300));
        Assert.False(ProtocolDetector.LooksLikeDnsDatagram("hello world, not dns"u8, 40000, 53));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Random_bytes_never_throw(int seed)
    {
        var rnd = new Random(seed);
        for (int i = 0; i < 3000; i++)
        {
            var a = new byte[rnd.Next(0, 200)];
            var b = new byte[rnd.Next(0, 200)];
            rnd.NextBytes(a);
            rnd.NextBytes(b);
            Detector.Detect(a, b, (ushort)rnd.Next(65536), rnd.Next(2) == 0);
            ProtocolDetector.LooksLikeDnsDatagram(a, 53, 1000);
        }
    }
}
