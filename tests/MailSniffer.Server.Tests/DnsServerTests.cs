using System.Net;
using ARSoft.Tools.Net;
using ARSoft.Tools.Net.Dns;
using MailSniffer.Server.Config;
using MailSniffer.Server.Dns;
using MailSniffer.Server.Hosting;

namespace MailSniffer.Server.Tests;

public class DnsServerTests
{
    [Fact]
    public async Task Answers_MX_A_AAAA_authoritatively_and_refuses_foreign_names()
    {
        var config = TestMailSystem.Config();
        config.Domains.Add(new DomainConfig { Name = "six.test", MxHost = "mx.six.test", Address = "::1", SmtpPort = 0, SubmissionPort = 0, Pop3Port = 0, ImapPort = 0 });
        var events = new MailSystemEvents();
        using var server = new AuthoritativeDnsServer(config.Dns, new DnsZone(config.Domains, 60), events);
        server.Start();
        var client = new DnsClient([server.EndPoint.Address], [new UdpClientTransport(server.EndPoint.Port)], true, 5000);

        var mx = await client.ResolveAsync(DomainName.Parse("a.test"), RecordType.Mx, RecordClass.INet, null, TestMailSystem.Timeout());
        Assert.NotNull(mx);
        Assert.True(mx.IsAuthoritiveAnswer);
        var record = Assert.IsType<MxRecord>(Assert.Single(mx.AnswerRecords));
        Assert.Equal("mx.a.test.", record.ExchangeDomainName.ToString());

        var a = await client.ResolveAsync(DomainName.Parse("mx.b.test"), RecordType.A, RecordClass.INet, null, TestMailSystem.Timeout());
        Assert.Equal(IPAddress.Parse(config.Domains[1].Address), Assert.IsType<ARecord>(Assert.Single(a!.AnswerRecords)).Address);

        var aaaa = await client.ResolveAsync(DomainName.Parse("mx.six.test"), RecordType.Aaaa, RecordClass.INet, null, TestMailSystem.Timeout());
        Assert.Equal(IPAddress.IPv6Loopback, Assert.IsType<AaaaRecord>(Assert.Single(aaaa!.AnswerRecords)).Address);
        var noA = await client.ResolveAsync(DomainName.Parse("mx.six.test"), RecordType.A, RecordClass.INet, null, TestMailSystem.Timeout());
        Assert.Equal(ReturnCode.NoError, noA!.ReturnCode);
        Assert.Empty(noA.AnswerRecords);

        var missing = await client.ResolveAsync(DomainName.Parse("nothere.a.test"), RecordType.A, RecordClass.INet, null, TestMailSystem.Timeout());
        Assert.Equal(ReturnCode.NxDomain, missing!.ReturnCode);
        var foreign = await client.ResolveAsync(DomainName.Parse("example.com"), RecordType.A, RecordClass.INet, null, TestMailSystem.Timeout());
        Assert.Equal(ReturnCode.Refused, foreign!.ReturnCode);
    }
}
