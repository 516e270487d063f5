using MailSniffer.Core.Capture;
using MailSniffer.Core.Flows;
using MailSniffer.Decoders.Common;
using MailSniffer.Decoders.Events;
using MailSniffer.Decoders.Messages;
using MailSniffer.Decoders.Sasl;

namespace MailSniffer.Decoders.Smtp;

/// <summary>
/// SMTP (and submission/LMTP) decoder for one connection. Follows the server's replies rather than the client's hopes:
/// commands wait in a queue and are paired with replies in order (PIPELINING), and client bytes sent after DATA are held
/// until the 354 (a message) or an error (lines the server will reject one by one) arrives. When the server side is
/// silent (one-sided capture), success is assumed so the client side alone still yields messages.
/// </summary>
public sealed partial class SmtpDecoder : IStreamDecoder
{
    private static readonly HashSet<string> KnownVerbs = new(StringComparer.Ordinal)
    {
        "HELO", "EHLO", "LHLO", "MAIL", "RCPT", "DATA", "BDAT", "RSET", "VRFY", "EXPN", "HELP", "NOOP", "QUIT", "AUTH",
        "STARTTLS", "TURN", "ETRN", "ATRN", "XCLIENT", "XFORWARD", "SEND", "SOML", "SAML", "BURL",
    };

    private readonly FlowContext _flow;
    private readonly IMailEventSink _sink;
    private readonly SmtpDecoderOptions _options;
    private readonly StartTlsWatch _tls = new();
    private readonly LineInput _client;
    private readonly LineInput _server;
    private readonly SmtpReplyAssembler _reply;
    private readonly Queue<SmtpPendingCommand> _pending = new();
    private readonly HeldInput _held = new();
    private readonly DotStuffedBodyReader _body = new();
    private readonly AnomalyLimiter _anomalies;
    private readonly CommandLineFilter _commands = new(KnownVerbs);

    private ClientMode _clientMode = ClientMode.Commands;
    private bool _holding;
    private SmtpPendingCommand? _holdFor;
    private bool _serverSeen;
    private bool _anyReply;
    private bool _serverResync;
    private bool _lmtp;
    private bool _early354;

    private SmtpTransaction _transaction = new();
    private MessageContent? _message;
    private bool _messageGap;
    private CaptureTime _messageStart;
    private SmtpTransaction? _messageTransaction;

    private MessageContent? _bdatMessage;
    private bool _bdatGap;
    private long _bdatRemaining;
    private bool _bdatLast;
    private CaptureTime _bdatStart;
    private SmtpTransaction? _bdatTransaction;

    private SaslExchange? _auth;
    private string? _authenticatedUser;

    public SmtpDecoder(FlowContext flow, IMailEventSink sink, SmtpDecoderOptions? options = null)
    {
        _flow = flow;
        _sink = sink;
        _options = options ?? SmtpDecoderOptions.Default;
        _reply = new SmtpReplyAssembler(_options.MaxReplyLines);
        _anomalies = new AnomalyLimiter(flow.FlowId, Protocol, sink, _options.MaxAnomalies);
        _client = new LineInput(Direction.ClientToServer, _options.MaxLineLength, _tls, _anomalies);
        _server = new LineInput(Direction.ServerToClient, _options.MaxLineLength, _tls, _anomalies);
    }

    public string Protocol => "smtp";

    /// <summary>Bytes this decoder holds outside message contents (for tests of the memory bounds).</summary>
    internal long BufferedBytes => _client.PendingLength + _server.PendingLength + _held.Length + _reply.BufferedChars * 2L;

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
        if (!_tls.Switched && _holding) ReleaseHold(accepted: true, timestamp);
        if (_clientMode == ClientMode.DataBody) EndDataMessage(timestamp, complete: false);
        if (_bdatMessage != null) EndBdatMessage(timestamp, complete: false);
        while (_pending.Count > 0) Unanswered(_pending.Dequeue(), timestamp);
        _clientMode = ClientMode.Commands;
    }

    private void ReleaseHold(bool accepted, CaptureTime ts)
    {
        _holding = false;
        if (_holdFor != null) _holdFor.Decided = true;
        _holdFor = null;
        if (accepted) StartDataBody(ts);
        foreach (var item in _held.TakeAll())
        {
            if (_tls.Switched) break;
            if (item.Data == null) ClientGap(item.GapLength, item.Ts);
            else ClientInput(item.Data.WrittenSpan, item.Ts);
        }
    }

    private void Enqueue(SmtpPendingCommand cmd, CaptureTime ts)
    {
        if (_pending.Count >= _options.MaxPendingCommands)
        {
            _anomalies.Report(ts, "too many commands without replies; forgetting the oldest");
            Unanswered(_pending.Dequeue(), ts);
        }
        _pending.Enqueue(cmd);
    }

    private void Unanswered(SmtpPendingCommand cmd, CaptureTime ts)
    {
        if (cmd.Kind == SmtpCommandKind.Auth) EmitCredential(cmd, null, ts);
        if (cmd == _holdFor) ReleaseHold(accepted: true, ts);
    }

    private void EmitCredential(SmtpPendingCommand cmd, bool? accepted, CaptureTime ts)
    {
        var exchange = cmd.Auth!;
        if (exchange == _auth) _auth = null;
        var credential = exchange.Credential;
        if (credential == null) return;
        if (accepted != false) _authenticatedUser = credential.Username;
        _sink.Emit(new CredentialEvent(_flow.FlowId, ts, Protocol, credential.Mechanism, credential.Username,
            credential.Password, credential.Hash, accepted));
    }

    private void SwitchToTls(CaptureTime ts)
    {
        _sink.Emit(new TlsEvent(_flow.FlowId, ts, "starttls", Protocol));
        while (_pending.Count > 0)
        {
            var cmd = _pending.Dequeue();
            if (cmd.Kind == SmtpCommandKind.Auth) EmitCredential(cmd, null, ts);
        }
    }

    private enum ClientMode : byte
    {
        Commands,
        DataBody,
        BdatChunk,
    }
}
