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
public sealed class SmtpDecoder : IStreamDecoder
{
    private static readonly HashSet<string> KnownVerbs = new(StringComparer.Ordinal)
    {
        "HELO", "EHLO", "LHLO", "MAIL", "RCPT", "DATA", "BDAT", "RSET", "VRFY", "EXPN", "HELP", "NOOP", "QUIT", "AUTH",
        "STARTTLS", "TURN", "ETRN", "ATRN", "XCLIENT", "XFORWARD", "SEND", "SOML", "SAML", "BURL",
    };

    private readonly FlowContext _flow;
    private readonly IMailEventSink _sink;
    private readonly SmtpDecoderOptions _options;
    private readonly LineFramer _clientFramer;
    private readonly LineFramer _serverFramer;
    private readonly SmtpReplyAssembler _reply;
    private readonly Queue<SmtpPendingCommand> _pending = new();
    private readonly HeldInput _held = new();
    private readonly DotStuffedBodyReader _body = new();
    private readonly AnomalyLimiter _anomalies;

    private ClientMode _clientMode = ClientMode.Commands;
    private bool _holding;
    private SmtpPendingCommand? _holdFor;
    private bool _serverSeen;
    private bool _anyReply;
    private bool _done;
    private bool _clientResync;
    private bool _serverResync;
    private bool _lmtp;

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
    private TlsRecordSniffer? _clientTls;
    private TlsRecordSniffer? _serverTls;

    public SmtpDecoder(FlowContext flow, IMailEventSink sink, SmtpDecoderOptions? options = null)
    {
        _flow = flow;
        _sink = sink;
        _options = options ?? SmtpDecoderOptions.Default;
        _clientFramer = new LineFramer(_options.MaxLineLength);
        _serverFramer = new LineFramer(_options.MaxLineLength);
        _reply = new SmtpReplyAssembler(_options.MaxReplyLines);
        _anomalies = new AnomalyLimiter(flow.FlowId, Protocol, sink, _options.MaxAnomalies);
    }

    public string Protocol => "smtp";

    /// <summary>Bytes this decoder holds outside message contents (for tests of the memory bounds).</summary>
    internal long BufferedBytes => _clientFramer.PendingLength + _serverFramer.PendingLength + _held.Length + _reply.BufferedChars * 2L;

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
        if (direction == Direction.ClientToServer) ClientGap(length, timestamp);
        else ServerGap(length, timestamp);
        return DecodeResult.NeedMore;
    }

    public void Finish(CaptureTime timestamp)
    {
        if (!_done && _holding) ReleaseHold(accepted: true, timestamp);
        if (_clientMode == ClientMode.DataBody) EndDataMessage(timestamp, complete: false);
        if (_bdatMessage != null) EndBdatMessage(timestamp, complete: false);
        while (_pending.Count > 0) Unanswered(_pending.Dequeue(), timestamp);
        _clientMode = ClientMode.Commands;
    }

    // ---- client side ----

    private void ClientInput(ReadOnlySpan<byte> data, CaptureTime ts)
    {
        while (!data.IsEmpty && !_done)
        {
            if (_holding)
            {
                if (_held.Length + data.Length <= _options.MaxEarlyDataBytes) { _held.Add(data, ts); return; }
                _anomalies.Report(ts, "no reply to DATA within the early-data limit; assuming 354");
                ReleaseHold(accepted: true, ts);
                continue;
            }
            switch (_clientMode)
            {
                case ClientMode.DataBody:
                    if (_body.Read(ref data, _message)) EndDataMessage(ts, complete: !_messageGap);
                    break;
                case ClientMode.BdatChunk:
                {
                    int n = (int)Math.Min(data.Length, _bdatRemaining);
                    _bdatMessage!.Append(data[..n]);
                    data = data[n..];
                    _bdatRemaining -= n;
                    if (_bdatRemaining == 0) EndBdatChunk(ts);
                    break;
                }
                default:
                    if (_clientTls != null && !SniffClientTls(ref data, ts)) return;
                    ReadClientLine(ref data, ts);
                    break;
            }
        }
    }

    /// <summary>False when the decision needs more bytes or the connection became TLS.</summary>
    private bool SniffClientTls(ref ReadOnlySpan<byte> data, CaptureTime ts)
    {
        var verdict = _clientTls!.Push(ref data);
        if (verdict == TlsSniffResult.Undecided) return false;
        if (verdict == TlsSniffResult.Tls) { SwitchToTls(ts); return false; }
        var seen = _clientTls.Seen.ToArray();
        _clientTls = null;
        ClientInput(seen, ts);
        return true;
    }

    private void ReadClientLine(ref ReadOnlySpan<byte> data, CaptureTime ts)
    {
        var status = _clientFramer.TryReadLine(ref data, out var line);
        if (status == LineStatus.Overflow)
        {
            _anomalies.Report(ts, $"client line longer than {_clientFramer.MaxLineLength} bytes");
            // The server answers it too ("500 line too long"): keep the reply pairing in step.
            Enqueue(new SmtpPendingCommand(SmtpCommandKind.Unparsed, ts), ts);
        }
        else if (status == LineStatus.Line) ClientLine(WireText.Decode(line), ts);
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
        if (!WireText.IsPlausibleVerb(verb))
        {
            if (line.Length > 0) _anomalies.Report(ts, "client line is not an SMTP command");
            Enqueue(new SmtpPendingCommand(SmtpCommandKind.Unparsed, ts), ts);
            return;
        }
        _sink.Emit(new SmtpCommandEvent(_flow.FlowId, ts, verb, arg));
        switch (verb)
        {
            case "HELO" or "EHLO" or "LHLO":
                _lmtp = verb == "LHLO";
                _transaction = new SmtpTransaction();
                Enqueue(new SmtpPendingCommand(SmtpCommandKind.Hello, ts), ts);
                break;
            case "MAIL":
                _transaction = new SmtpTransaction { MailFrom = SmtpPath.Extract(arg, "FROM:") };
                Enqueue(new SmtpPendingCommand(SmtpCommandKind.Mail, ts) { Transaction = _transaction }, ts);
                break;
            case "RCPT":
            {
                var address = SmtpPath.Extract(arg, "TO:");
                SmtpRecipient? rcpt = null;
                if (address != null) { rcpt = new SmtpRecipient(address); _transaction.Recipients.Add(rcpt); }
                Enqueue(new SmtpPendingCommand(SmtpCommandKind.Rcpt, ts) { Recipient = rcpt }, ts);
                break;
            }
            case "DATA":
                StartDataCommand(ts);
                break;
            case "BDAT":
                StartBdat(arg, ts);
                break;
            case "AUTH":
                StartAuth(arg, ts);
                break;
            case "STARTTLS":
                _clientTls = new TlsRecordSniffer();
                Enqueue(new SmtpPendingCommand(SmtpCommandKind.StartTls, ts), ts);
                break;
            case "RSET":
                if (_bdatMessage != null) EndBdatMessage(ts, complete: false);
                _transaction = new SmtpTransaction();
                Enqueue(new SmtpPendingCommand(SmtpCommandKind.Rset, ts), ts);
                break;
            case "QUIT":
                Enqueue(new SmtpPendingCommand(SmtpCommandKind.Quit, ts), ts);
                break;
            default:
                Enqueue(new SmtpPendingCommand(SmtpCommandKind.Other, ts), ts);
                break;
        }
    }

    private void StartDataCommand(CaptureTime ts)
    {
        var cmd = new SmtpPendingCommand(SmtpCommandKind.Data, ts) { Transaction = _transaction };
        Enqueue(cmd, ts);
        if (!_serverSeen)
        {
            // No server reply will tell us; the client side is all there is.
            cmd.Decided = true;
            StartDataBody(ts);
            return;
        }
        _holding = true;
        _holdFor = cmd;
    }

    private void StartDataBody(CaptureTime ts)
    {
        if (_bdatMessage != null) EndBdatMessage(ts, complete: false);
        _message = new MessageContent(_options.MessageSpillThreshold);
        _messageGap = false;
        _messageStart = ts;
        _messageTransaction = _transaction;
        _clientMode = ClientMode.DataBody;
    }

    private void EndDataMessage(CaptureTime ts, bool complete)
    {
        var content = _message!;
        content.Seal();
        var tx = _messageTransaction ?? _transaction;
        _sink.Emit(new MessageEvent(_flow.FlowId, ts, Protocol, "DATA", Direction.ClientToServer, content, complete, Partial: false,
            MailFrom: tx.MailFrom, RcptTo: tx.RecipientsNotRejected(), User: _authenticatedUser, StartTs: _messageStart));
        _message = null;
        _messageTransaction = null;
        _clientMode = ClientMode.Commands;
        _transaction = new SmtpTransaction();
        Enqueue(new SmtpPendingCommand(SmtpCommandKind.EndOfData, ts) { RepliesLeft = RepliesForEndOfMessage(tx) }, ts);
    }

    private void StartBdat(string arg, CaptureTime ts)
    {
        var parts = arg.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0 || !long.TryParse(parts[0], System.Globalization.NumberStyles.None, null, out long size))
        {
            _anomalies.Report(ts, "BDAT without a valid chunk size");
            Enqueue(new SmtpPendingCommand(SmtpCommandKind.Other, ts), ts);
            return;
        }
        bool last = parts.Length > 1 && parts[1].Equals("LAST", StringComparison.OrdinalIgnoreCase);
        Enqueue(new SmtpPendingCommand(SmtpCommandKind.Bdat, ts) { RepliesLeft = last ? RepliesForEndOfMessage(_transaction) : 1 }, ts);
        if (_bdatMessage == null)
        {
            _bdatMessage = new MessageContent(_options.MessageSpillThreshold);
            _bdatGap = false;
            _bdatStart = ts;
            _bdatTransaction = _transaction;
        }
        _bdatRemaining = size;
        _bdatLast = last;
        _clientMode = ClientMode.BdatChunk;
        if (size == 0) EndBdatChunk(ts);
    }

    private void EndBdatChunk(CaptureTime ts)
    {
        _clientMode = ClientMode.Commands;
        if (_bdatLast) EndBdatMessage(ts, complete: !_bdatGap);
    }

    private void EndBdatMessage(CaptureTime ts, bool complete)
    {
        var content = _bdatMessage!;
        content.Seal();
        var tx = _bdatTransaction ?? _transaction;
        _sink.Emit(new MessageEvent(_flow.FlowId, ts, Protocol, "BDAT", Direction.ClientToServer, content, complete, Partial: false,
            MailFrom: tx.MailFrom, RcptTo: tx.RecipientsNotRejected(), User: _authenticatedUser, StartTs: _bdatStart));
        _bdatMessage = null;
        _bdatTransaction = null;
        if (_clientMode == ClientMode.BdatChunk) _clientMode = ClientMode.Commands;
        if (complete) _transaction = new SmtpTransaction();
    }

    private void StartAuth(string arg, CaptureTime ts)
    {
        var (mechanism, initial) = WireText.SplitVerb(arg);
        _auth = new SaslExchange(mechanism, initial.Length > 0 ? initial : null);
        Enqueue(new SmtpPendingCommand(SmtpCommandKind.Auth, ts) { Auth = _auth }, ts);
    }

    private void ClientGap(long length, CaptureTime ts)
    {
        if (_holding) { _held.AddGap(length, ts); return; }
        switch (_clientMode)
        {
            case ClientMode.DataBody:
                _messageGap = true;
                _body.LoseLineSync();
                _anomalies.Report(ts, $"{length} client bytes missing inside a DATA message");
                return;
            case ClientMode.BdatChunk:
            {
                long inChunk = Math.Min(length, _bdatRemaining);
                _bdatRemaining -= inChunk;
                _bdatGap = true;
                _anomalies.Report(ts, $"{length} client bytes missing inside a BDAT chunk");
                if (_bdatRemaining == 0) EndBdatChunk(ts);
                if (length > inChunk) LoseClientLineSync();
                return;
            }
            default:
                _anomalies.Report(ts, $"{length} client bytes missing between commands");
                LoseClientLineSync();
                return;
        }
    }

    private void LoseClientLineSync()
    {
        _clientFramer.Reset();
        _clientResync = true;
        _clientTls = null;
    }

    // ---- server side ----

    private void ServerInput(ReadOnlySpan<byte> data, CaptureTime ts)
    {
        if (!data.IsEmpty) _serverSeen = true;
        while (!data.IsEmpty && !_done)
        {
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
        if (!SmtpReplyAssembler.TryParse(line, out int code, out bool final, out string text))
        {
            if (!_serverResync) _anomalies.Report(ts, "server line is not an SMTP reply");
            return;
        }
        _serverResync = false;
        var lines = _reply.Add(text, final);
        if (lines == null) return;
        _sink.Emit(new SmtpReplyEvent(_flow.FlowId, ts, code, lines));
        OnReply(code, lines, ts);
    }

    private void OnReply(int code, IReadOnlyList<string> lines, CaptureTime ts)
    {
        bool first = !_anyReply;
        _anyReply = true;
        if (code == 334)
        {
            if (_auth != null) _auth.OnServerChallenge(lines.Count > 0 ? lines[^1] : "");
            return;
        }
        if (first && code == 220 && (_pending.Count == 0 || _pending.Peek().Kind != SmtpCommandKind.StartTls)) return;

        if (_pending.Count == 0)
        {
            // A reply nobody asked for while a message goes on after a gap: the terminator was lost in the gap.
            if (_clientMode == ClientMode.DataBody && _messageGap && !_holding)
            {
                EndDataMessage(ts, complete: false);
                _pending.Clear(); // the end-of-data just queued is what this reply answered
                LoseClientLineSync();
            }
            return;
        }

        SmtpPendingCommand cmd;
        if (code == 354 && !HasPendingData()) return;
        if (code == 354)
        {
            // Only DATA gets 354: anything queued before it was not answered visibly.
            do cmd = _pending.Dequeue(); while (cmd.Kind != SmtpCommandKind.Data);
        }
        else
        {
            cmd = _pending.Peek();
            if (cmd.RepliesLeft > 1) { cmd.RepliesLeft--; return; }
            _pending.Dequeue();
        }

        switch (cmd.Kind)
        {
            case SmtpCommandKind.Rcpt when cmd.Recipient != null:
                cmd.Recipient.Accepted = code < 400;
                break;
            case SmtpCommandKind.Data when !cmd.Decided:
                cmd.Decided = true;
                if (_holding && _holdFor == cmd) ReleaseHold(code == 354, ts);
                break;
            case SmtpCommandKind.Auth:
                EmitCredential(cmd, code is >= 200 and < 300, ts);
                break;
            case SmtpCommandKind.StartTls:
                if (code == 220) _serverTls = new TlsRecordSniffer();
                else if (_clientTls != null && _clientTls.Seen.IsEmpty) _clientTls = null;
                break;
        }
    }

    private int RepliesForEndOfMessage(SmtpTransaction tx) => _lmtp ? Math.Max(1, tx.RecipientsNotRejected().Count) : 1;

    private bool HasPendingData()
    {
        foreach (var c in _pending)
            if (c.Kind == SmtpCommandKind.Data) return true;
        return false;
    }

    private void ServerGap(long length, CaptureTime ts)
    {
        _anomalies.Report(ts, $"{length} server bytes missing");
        _serverFramer.Reset();
        _reply.Reset();
        _serverResync = true;
        _serverTls = null;
    }

    // ---- shared ----

    private void ReleaseHold(bool accepted, CaptureTime ts)
    {
        _holding = false;
        if (_holdFor != null) _holdFor.Decided = true;
        _holdFor = null;
        if (accepted) StartDataBody(ts);
        foreach (var item in _held.TakeAll())
        {
            if (_done) break;
            if (item.Data == null) ClientGap(item.GapLength, item.Ts);
            else ClientInput(item.Data, item.Ts);
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
        _done = true;
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
