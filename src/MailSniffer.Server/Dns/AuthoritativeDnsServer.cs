using System.Net;
using ARSoft.Tools.Net;
using ARSoft.Tools.Net.Dns;
using MailSniffer.Server.Config;
using MailSniffer.Server.Hosting;

namespace MailSniffer.Server.Dns;

/// <summary>Answers MX, A and AAAA for the configured domains (UDP and TCP), refuses everything else.</summary>
public sealed class AuthoritativeDnsServer : IDisposable
{
    private readonly DnsServer _server;
    private readonly DnsZone _zone;
    private readonly MailSystemEvents _events;

    public AuthoritativeDnsServer(DnsConfig config, DnsZone zone, MailSystemEvents events)
    {
        _zone = zone;
        _events = events;
        var address = IPAddress.Parse(config.Address);
        EndPoint = new IPEndPoint(address, config.Port);
        _server = new DnsServer(new UdpServerTransport(EndPoint, 5000), new TcpServerTransport(EndPoint, 5000, 120_000));
        _server.QueryReceived += OnQueryReceived;
    }

    public IPEndPoint EndPoint { get; }

    public void Start() => _server.Start();

    private Task OnQueryReceived(object sender, QueryReceivedEventArgs e)
    {
        if (e.Query is not DnsMessage query || query.Questions.Count != 1) return Task.CompletedTask;
        var response = query.CreateResponseInstance();
        var question = query.Questions[0];
        var answers = _zone.Answer(question.Name, question.RecordType);
        response.IsAuthoritiveAnswer = answers is not null;
        if (answers is null)
        {
            response.ReturnCode = ReturnCode.Refused;
        }
        else if (answers.Count == 0 && !_zone.HasName(question.Name))
        {
            response.ReturnCode = ReturnCode.NxDomain;
        }
        else
        {
            response.ReturnCode = ReturnCode.NoError;
            response.AnswerRecords.AddRange(answers);
        }
        e.Response = response;
        _events.OnDnsQuery(new DnsQueryLog(DateTimeOffset.UtcNow, e.RemoteEndpoint.ToString(), question.Name.ToString().TrimEnd('.'),
            question.RecordType.ToString().ToUpperInvariant(), answers?.Select(DnsZone.Describe).ToList() ?? [], response.ReturnCode.ToString()));
        return Task.CompletedTask;
    }

    public void Dispose() => _server.Stop();
}
