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
public sealed class Pop3Decoder : IStreamDecoder
{
    private static readonly HashSet<string> KnownVerbs = new(StringComparer.Ordinal)
    {
        "USER", "PASS", "APOP", "AUTH", "STLS", "CAPA", "STAT", "LIST", "UIDL", "RETR", "TOP", "DELE", "NOOP", "RSET", "QUIT",
        "LAST", "XTND", "UTF8", "LANG",
    };

    private readonly FlowContext _flow;
    private readonly IMailEventSink _sink;
    private readonly Pop3DecoderOptions _options;
    private readonly LineFramer _clientFramer;
    private readonly LineFramer _serverFramer;
    private readonly Queue<Pop3PendingCommand> _pending = new();
    private readonly DotStuffedBodyReader _body = new();
    private readonly AnomalyLimiter _anomalies;

    private ServerMode _serverMode = ServerMode.Status;
    private bool _greetingSeen;
    private bool _anyServerLine;
    private string? _apopTimestamp;
    private string? _user;
    private bool _done;
    private bool _clientResync;
    private bool _serverResync;
    private bool _clientMovedOn;

    private MessageContent? _message;
    private Pop3PendingCommand? _messageCommand;
    private bool _messageGap;
    private CaptureTime _messageStart;

    private SaslExchange? _auth;
    private TlsRecordSniffer? _clientTls;
    private TlsRecordSniffer? _serverTls;

    public Pop3Decoder(FlowContext flow, IMailEventSink sink, Pop3DecoderOptions? options = null)
    {
        _flow = flow;
        _sink = sink;
        _options = options ?? Pop3DecoderOptions.Default;
        _clientFramer = new LineFramer(_options.MaxLineLength);
        _serverFramer = new LineFramer(_options.MaxLineLength);
        _anomalies = new AnomalyLimiter(flow.FlowId, Protocol, sink, _options.MaxAnomalies);
    }

    public string Protocol => "pop3";

    /// <summary>Bytes this decoder holds outside message contents (for tests of the memory bounds).</summary>
    internal long BufferedBytes => _clientFramer.PendingLength + _serverFramer.PendingLength;

    internal int PendingCommandCount => _pending.Count;

    public DecodeResult Feed(Direction direction, ReadOnlySpan<byte> data, CaptureTime timestamp)
    {
        if (_done) return DecodeResult.Done("connection switched to TLS");
        if (direction == Direction.ClientToServer) ClientInput(data, timestamp);
        else ServerInput(data, timestamp);
        return _done ? DecodeResult.Done("connection switched to TLS") : DecodeResult.NeedMore;
    }

    public DecodeResult Gap(Direction direction, long length, CaptureTime timestamp)
    {
        if (_done) return DecodeResult.Done("connection switched to TLS");
        if (length <= 0) return DecodeResult.NeedMore;
        if (direction == Direction.ClientToServer)
        {
            _anomalies.Report(timestamp, $"{length} client bytes missing");
            _clientFramer.Reset();
            _clientResync = true;
            _clientTls = null;
        }
        else ServerGap(length, timestamp);
        return DecodeResult.NeedMore;
    }

    public void Finish(CaptureTime timestamp)
    {
        if (_serverMode == ServerMode.MessageBody) EndMessage(timestamp, complete: false);
        while (_pending.Count > 0) Settle(_pending.Dequeue(), null, timestamp);
        _serverMode = ServerMode.Status;
    }

    // ---- client side ----

    private void ClientInput(ReadOnlySpan<byte> data, CaptureTime ts)
    {
        while (!data.IsEmpty && !_done)
        {
            if (_clientTls != null)
            {
                var verdict = _clientTls.Push(ref data);
                if (verdict == TlsSniffResult.Undecided) return;
                if (verdict == TlsSniffResult.Tls) { SwitchToTls(ts); return; }
                var seen = _clientTls.Seen.ToArray();
                _clientTls = null;
                ClientInput(seen, ts);
                continue;
            }
            var status = _clientFramer.TryReadLine(ref data, out var line);
            if (status == LineStatus.NeedMore) return;
            if (status == LineStatus.Overflow)
            {
                _anomalies.Report(ts, $"client line longer than {_clientFramer.MaxLineLength} bytes");
                Enqueue(new Pop3PendingCommand(Pop3CommandKind.Unparsed), ts); // the server answers it with -ERR
                continue;
            }
            ClientLine(WireText.Decode(line), ts);
        }
    }

    private void ClientLine(string line, CaptureTime ts)
    {
        if (_auth != null && _auth.WantsClientResponse && SaslBase64.LooksLikeResponse(line)
            && (_auth.IsKnownMechanism || !KnownVerbs.Contains(line.ToUpperInvariant())))
        {
            _auth.OnClientResponse(line);
            return;
        }
        var (verb, arg) = WireText.SplitVerb(line);
        if (_clientResync)
        {
            if (!KnownVerbs.Contains(verb)) return;
            _clientResync = false;
        }
        if (_serverMode != ServerMode.Status) ClientMovedOn(ts);
        if (!WireText.IsPlausibleVerb(verb))
        {
            if (line.Length > 0) _anomalies.Report(ts, "client line is not a POP3 command");
            Enqueue(new Pop3PendingCommand(Pop3CommandKind.Unparsed), ts);
            return;
        }
        _sink.Emit(new Pop3CommandEvent(_flow.FlowId, ts, verb, arg));
        var args = arg.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Pop3PendingCommand cmd;
        switch (verb)
        {
            case "USER":
                _user = arg;
                cmd = new Pop3PendingCommand(Pop3CommandKind.User) { Username = arg };
                break;
            case "PASS":
                cmd = new Pop3PendingCommand(Pop3CommandKind.Pass) { Username = _user ?? "", Password = arg };
                break;
            case "APOP":
                cmd = new Pop3PendingCommand(Pop3CommandKind.Apop)
                    { Username = args.Length > 0 ? args[0] : "", Digest = args.Length > 1 ? args[^1] : "" };
                break;
            case "AUTH" when args.Length == 0:
                cmd = new Pop3PendingCommand(Pop3CommandKind.Listing);
                break;
            case "AUTH":
                _auth = new SaslExchange(args[0], args.Length > 1 ? args[1] : null);
                cmd = new Pop3PendingCommand(Pop3CommandKind.Auth) { Auth = _auth };
                break;
            case "STLS":
                _clientTls = new TlsRecordSniffer();
                cmd = new Pop3PendingCommand(Pop3CommandKind.Stls);
                break;
            case "RETR":
                cmd = new Pop3PendingCommand(Pop3CommandKind.Retr) { MessageNumber = ParseNumber(args, 0) };
                break;
            case "TOP":
                cmd = new Pop3PendingCommand(Pop3CommandKind.Top) { MessageNumber = ParseNumber(args, 0) };
                break;
            case "LIST" or "UIDL" when args.Length == 0:
            case "CAPA":
                cmd = new Pop3PendingCommand(Pop3CommandKind.Listing);
                break;
            default:
                cmd = new Pop3PendingCommand(Pop3CommandKind.Other);
                break;
        }
        Enqueue(cmd, ts);
    }

    private void ClientMovedOn(CaptureTime ts)
    {
        _clientMovedOn = true;
        if (_serverMode == ServerMode.MessageBody && _messageGap)
        {
            // The terminator was probably in the gap: the client is already asking for the next thing.
            EndMessage(ts, complete: false);
            _serverMode = ServerMode.Status;
            _serverFramer.Reset();
            _serverResync = true;
        }
    }

    private static long? ParseNumber(string[] args, int index) =>
        args.Length > index && long.TryParse(args[index], System.Globalization.NumberStyles.None, null, out long n) ? n : null;

    // ---- server side ----

    private void ServerInput(ReadOnlySpan<byte> data, CaptureTime ts)
    {
        while (!data.IsEmpty && !_done)
        {
            if (_serverMode == ServerMode.MessageBody)
            {
                if (_body.Read(ref data, _message)) EndMessage(ts, complete: !_messageGap);
                continue;
            }
            if (_serverTls != null)
            {
                var verdict = _serverTls.Push(ref data);
                if (verdict == TlsSniffResult.Undecided) return;
                if (verdict == TlsSniffResult.Tls) { SwitchToTls(ts); return; }
                var seen = _serverTls.Seen.ToArray();
                _serverTls = null;
                ServerInput(seen, ts);
                continue;
            }
            var status = _serverFramer.TryReadLine(ref data, out var line);
            if (status == LineStatus.NeedMore) return;
            if (status == LineStatus.Overflow) { _anomalies.Report(ts, $"server line longer than {_serverFramer.MaxLineLength} bytes"); continue; }
            ServerLine(WireText.Decode(line), ts);
        }
    }

    private void ServerLine(string line, CaptureTime ts)
    {
        bool isStatus = line.StartsWith("+OK", StringComparison.OrdinalIgnoreCase) || line.StartsWith("-ERR", StringComparison.OrdinalIgnoreCase);
        if (_serverMode == ServerMode.Listing)
        {
            if (line == ".") { _serverMode = ServerMode.Status; return; }
            // Client already sent its next command and this looks like its answer: the listing was cut off.
            if (!(_clientMovedOn && isStatus)) return;
            _anomalies.Report(ts, "multi-line response ended without its terminating \".\"");
            _serverMode = ServerMode.Status;
        }
        if (_serverResync)
        {
            if (!isStatus) return;
            _serverResync = false;
        }
        if (line == "+" || line.StartsWith("+ ", StringComparison.Ordinal))
        {
            _anyServerLine = true;
            _auth?.OnServerChallenge(line.Length > 2 ? line[2..] : "");
            return;
        }
        if (!isStatus)
        {
            _anomalies.Report(ts, "server line is not a POP3 status line");
            return;
        }
        bool ok = line[0] == '+';
        string text = line.Length > (ok ? 4 : 5) ? line[(ok ? 4 : 5)..] : "";
        _sink.Emit(new Pop3ReplyEvent(_flow.FlowId, ts, ok, text));
        bool first = !_anyServerLine;
        _anyServerLine = true;
        if (!_greetingSeen && first && (_pending.Count == 0 || LooksLikeGreeting(text)))
        {
            _greetingSeen = true;
            _apopTimestamp = ApopTimestamp.Find(text);
            return;
        }
        if (_pending.Count == 0) return;
        var cmd = _pending.Dequeue();
        _clientMovedOn = _pending.Count > 0;
        Settle(cmd, ok, ts);
        if (!ok) return;
        switch (cmd.Kind)
        {
            case Pop3CommandKind.Listing:
                _serverMode = ServerMode.Listing;
                break;
            case Pop3CommandKind.Retr or Pop3CommandKind.Top:
                _serverMode = ServerMode.MessageBody;
                _message = new MessageContent(_options.MessageSpillThreshold);
                _messageCommand = cmd;
                _messageGap = false;
                _messageStart = ts;
                break;
            case Pop3CommandKind.Stls:
                _serverTls = new TlsRecordSniffer();
                break;
        }
    }

    private static bool LooksLikeGreeting(string text) =>
        ApopTimestamp.Find(text) != null || text.Contains("ready", StringComparison.OrdinalIgnoreCase)
        || text.Contains("POP3 server", StringComparison.OrdinalIgnoreCase);

    /// <summary>The command's outcome is known (ok) or never will be (null): emit what it revealed.</summary>
    private void Settle(Pop3PendingCommand cmd, bool? ok, CaptureTime ts)
    {
        switch (cmd.Kind)
        {
            case Pop3CommandKind.Pass:
                _sink.Emit(new CredentialEvent(_flow.FlowId, ts, Protocol, "USER", cmd.Username!, cmd.Password, null, ok));
                break;
            case Pop3CommandKind.Apop:
                if (ok != false) _user = cmd.Username;
                _sink.Emit(new CredentialEvent(_flow.FlowId, ts, Protocol, "APOP", cmd.Username!, null,
                    _apopTimestamp == null ? null : HashcatLine.Apop(cmd.Digest!, _apopTimestamp), ok));
                break;
            case Pop3CommandKind.Auth:
            {
                if (cmd.Auth == _auth) _auth = null;
                var credential = cmd.Auth!.Credential;
                if (credential == null) break;
                if (ok != false) _user = credential.Username;
                _sink.Emit(new CredentialEvent(_flow.FlowId, ts, Protocol, credential.Mechanism, credential.Username,
                    credential.Password, credential.Hash, ok));
                break;
            }
            case Pop3CommandKind.Stls when ok == false:
                if (_clientTls != null && _clientTls.Seen.IsEmpty) _clientTls = null;
                break;
        }
    }

    private void EndMessage(CaptureTime ts, bool complete)
    {
        var content = _message!;
        content.Seal();
        var cmd = _messageCommand!;
        bool top = cmd.Kind == Pop3CommandKind.Top;
        _sink.Emit(new MessageEvent(_flow.FlowId, ts, Protocol, top ? "TOP" : "RETR", Direction.ServerToClient, content, complete,
            Partial: top, User: _user, SequenceNumber: cmd.MessageNumber, StartTs: _messageStart));
        _message = null;
        _messageCommand = null;
        _serverMode = ServerMode.Status;
    }

    private void ServerGap(long length, CaptureTime ts)
    {
        _serverTls = null;
        if (_serverMode == ServerMode.MessageBody)
        {
            _messageGap = true;
            _body.LoseLineSync();
            _anomalies.Report(ts, $"{length} server bytes missing inside a {(_messageCommand!.Kind == Pop3CommandKind.Top ? "TOP" : "RETR")} message");
            return;
        }
        _anomalies.Report(ts, $"{length} server bytes missing");
        _serverFramer.Reset();
        _serverMode = ServerMode.Status;
        _serverResync = true;
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
        _done = true;
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
