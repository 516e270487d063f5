using MailSniffer.Core.Capture;
using MailSniffer.Core.Flows;
using MailSniffer.Decoders.Common;
using MailSniffer.Decoders.Events;
using MailSniffer.Decoders.Messages;
using MailSniffer.Decoders.Sasl;

namespace MailSniffer.Decoders.Pop3;

/// <summary>
/// POP3 decoder for one connection: commands are queued and paired with +OK/-ERR status lines in order; RETR and TOP
/// responses are dot-unstuffed into messages; USER/PASS, APOP and AUTH (SASL) yield credentials once the server answered.
/// </summary>
public sealed partial class Pop3Decoder : IStreamDecoder
{
    private static readonly HashSet<string> KnownVerbs = new(StringComparer.Ordinal)
    {
        "USER", "PASS", "APOP", "AUTH", "STLS", "CAPA", "STAT", "LIST", "UIDL", "RETR", "TOP", "DELE", "NOOP", "RSET", "QUIT",
        "LAST", "XTND", "UTF8", "LANG",
    };

    private readonly FlowContext _flow;
    private readonly IMailEventSink _sink;
    private readonly Pop3DecoderOptions _options;
    private readonly StartTlsWatch _tls = new();
    private readonly LineInput _client;
    private readonly LineInput _server;
    private readonly Queue<Pop3PendingCommand> _pending = new();
    private readonly DotStuffedBodyReader _body = new();
    private readonly AnomalyLimiter _anomalies;
    private readonly CommandLineFilter _commands = new(KnownVerbs);

    private ServerMode _serverMode = ServerMode.Status;
    private bool _greetingSeen;
    private bool _anyServerLine;
    private string? _apopTimestamp;
    private string? _user;
    private bool _serverResync;
    private bool _clientMovedOn;

    private MessageContent? _message;
    private Pop3PendingCommand? _messageCommand;
    private bool _messageGap;
    private CaptureTime _messageStart;

    private SaslExchange? _auth;

    public Pop3Decoder(FlowContext flow, IMailEventSink sink, Pop3DecoderOptions? options = null)
    {
        _flow = flow;
        _sink = sink;
        _options = options ?? Pop3DecoderOptions.Default;
        _anomalies = new AnomalyLimiter(flow.FlowId, Protocol, sink, _options.MaxAnomalies);
        _client = new LineInput(Direction.ClientToServer, _options.MaxLineLength, _tls, _anomalies);
        _server = new LineInput(Direction.ServerToClient, _options.MaxLineLength, _tls, _anomalies);
    }

    public string Protocol => "pop3";

    /// <summary>Bytes this decoder holds outside message contents (for tests of the memory bounds).</summary>
    internal long BufferedBytes => _client.PendingLength + _server.PendingLength;

    internal int PendingCommandCount => _pending.Count;

    public DecodeResult Feed(Direction direction, ReadOnlySpan<byte> data, CaptureTime timestamp)
    {
        if (_tls.Switched) return _tls.Outcome;
        if (direction == Direction.ClientToServer) ClientInput(data, timestamp);
        else ServerInput(data, timestamp);
        return _tls.Outcome;
    }

    public DecodeResult Gap(Direction direction, long length, CaptureTime timestamp)
    {
        if (_tls.Switched) return _tls.Outcome;
        if (length <= 0) return DecodeResult.NeedMore;
        if (direction == Direction.ClientToServer) ClientGap(length, timestamp);
        else ServerGap(length, timestamp);
        return DecodeResult.NeedMore;
    }

    public void Finish(CaptureTime timestamp)
    {
        if (_serverMode == ServerMode.MessageBody) EndMessage(timestamp, complete: false);
        while (_pending.Count > 0) Settle(_pending.Dequeue(), null, timestamp);
        _serverMode = ServerMode.Status;
    }

    private void Enqueue(Pop3PendingCommand cmd, CaptureTime ts)
    {
        if (_pending.Count >= _options.MaxPendingCommands)
        {
            _anomalies.Report(ts, "too many commands without replies; forgetting the oldest");
            Settle(_pending.Dequeue(), null, ts);
        }
        _pending.Enqueue(cmd);
    }

    private void SwitchToTls(CaptureTime ts)
    {
        _sink.Emit(new TlsEvent(_flow.FlowId, ts, "starttls", Protocol));
        while (_pending.Count > 0) Settle(_pending.Dequeue(), null, ts);
    }

    private enum ServerMode : byte
    {
        Status,
        Listing,
        MessageBody,
    }
}
