using System.Net;
using MailSniffer.Analysis.Model;
using MailSniffer.Analysis.Timeline;
using MailSniffer.Core.Capture;
using MailSniffer.Core.Flows;
using MailSniffer.Decoders.Events;
using MailSniffer.Decoders.Messages;

namespace MailSniffer.Analysis.Tests.Timeline;

/// <summary>
/// Builds a capture as the decoders would report it (flows, events, messages with real bytes) and runs it through the
/// real <see cref="CaptureModel"/> with a <see cref="JourneyBuilder"/> attached. Times are seconds after a fixed start.
/// </summary>
internal sealed class TimelineScenario
{
    public static readonly DateTimeOffset Start = new(2026, 11, 22, 10, 0, 0, TimeSpan.Zero);

    private readonly CaptureModel _model;
    private readonly Dictionary<long, FlowInfo> _flows = new();
    private long _nextFlow = 1;

    public TimelineScenario(JourneyOptions? options = null)
    {
        Builder = new JourneyBuilder(options);
        _model = new CaptureModel(AnalysisOptions.ForStreaming(), Builder);
    }

    public JourneyBuilder Builder { get; }

    public static CaptureTime T(double seconds) => new(Start.ToUnixTimeMilliseconds() * 1_000_000 + (long)Math.Round(seconds * 1e9));

    public long Tcp(string client, int clientPort, string server, int serverPort, double at) => Open(Transport.Tcp, client, clientPort, server, serverPort, at);

    public long Udp(string client, int clientPort, string server, int serverPort, double at) => Open(Transport.Udp, client, clientPort, server, serverPort, at);

    private long Open(Transport transport, string client, int clientPort, string server, int serverPort, double at)
    {
        long id = _nextFlow++;
        var flow = new FlowInfo(id, transport, new IpEndpoint(IPAddress.Parse(client), (ushort)clientPort),
            new IpEndpoint(IPAddress.Parse(server), (ushort)serverPort), T(at));
        _flows[id] = flow;
        _model.FlowStarted(flow);
        return id;
    }

    public void Emit(MailEvent e) => _model.Emit(e);

    public void Protocol(long flow, double at, string protocol) => Emit(new ProtocolDetectedEvent(flow, T(at), protocol, "test"));

    public void Cmd(long flow, double at, string verb, string arg) => Emit(new SmtpCommandEvent(flow, T(at), verb, arg));

    public void Reply(long flow, double at, int code, params string[] lines) => Emit(new SmtpReplyEvent(flow, T(at), code, lines));

    public void Credential(long flow, double at, string protocol, string mechanism, string user, string? password, string? hash = null, bool? accepted = true) =>
        Emit(new CredentialEvent(flow, T(at), protocol, mechanism, user, password, hash, accepted));

    public void Tls(long flow, double at, string kind = "starttls") => Emit(new TlsEvent(flow, T(at), kind, "smtp"));

    /// <summary>An SMTP session that goes encrypted after EHLO and STARTTLS, over within 5 ms of <paramref name="at"/>.</summary>
    public long StartTlsSmtp(string client, int clientPort, string server, int serverPort, double at, string helo, string greeting, string ready)
    {
        long flow = Tcp(client, clientPort, server, serverPort, at);
        Protocol(flow, at, "smtp");
        Reply(flow, at + 0.001, 220, greeting);
        Cmd(flow, at + 0.002, "EHLO", helo);
        Cmd(flow, at + 0.003, "STARTTLS", "");
        Reply(flow, at + 0.004, 220, ready);
        Tls(flow, at + 0.005);
        End(flow);
        return flow;
    }

    public void Message(long flow, double at, string protocol, string source, Direction direction, byte[] bytes, string? mailFrom = null,
        string[]? rcptTo = null, string? user = null, string? mailbox = null, bool complete = true, bool partial = false, double? startAt = null) =>
        Emit(new MessageEvent(flow, T(at), protocol, source, direction, MessageContent.FromBytes(bytes), complete, partial, mailbox, mailFrom,
            rcptTo, user, StartTs: startAt is { } s ? T(s) : null));

    /// <summary>An SMTP transaction as the SMTP decoder reports it: envelope commands, message at end of data, then the final reply.</summary>
    public void SmtpSend(long flow, double at, byte[] message, string mailFrom, string[] rcptTo, string finalReply, string? user = null)
    {
        Protocol(flow, at, "smtp");
        Cmd(flow, at, "MAIL", $"FROM:<{mailFrom}>");
        foreach (var r in rcptTo) Cmd(flow, at, "RCPT", $"TO:<{r}>");
        Cmd(flow, at, "DATA", "");
        Reply(flow, at + 0.0001, 354, "go ahead");
        Message(flow, at + 0.001, "smtp", "DATA", Direction.ClientToServer, message, mailFrom, rcptTo, user, startAt: at + 0.0002);
        Reply(flow, at + 0.002, 250, finalReply);
    }

    public void Dns(string querier, string resolver, double at, int id, string name, string qtype, params (string RType, string Data)[] answers)
    {
        long flow = Udp(querier, 40000 + id, resolver, 53, at);
        Protocol(flow, at, "dns");
        Emit(new DnsQueryEvent(flow, T(at), id, name, qtype));
        if (answers.Length == 0) Emit(new DnsAnswerEvent(flow, T(at + 0.001), id, name, null, null, "NXDOMAIN"));
        foreach (var (rtype, data) in answers) Emit(new DnsAnswerEvent(flow, T(at + 0.001), id, name, rtype, data, "NOERROR", 300));
        End(flow);
    }

    public void End(long flow) => _model.FlowEnded(_flows[flow]);

    public IReadOnlyList<Journey> Build()
    {
        _model.Complete();
        return Builder.Build();
    }
}
