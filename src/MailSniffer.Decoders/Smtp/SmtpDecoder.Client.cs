using MailSniffer.Core.Capture;
using MailSniffer.Core.Flows;
using MailSniffer.Decoders.Common;
using MailSniffer.Decoders.Events;
using MailSniffer.Decoders.Messages;
using MailSniffer.Decoders.Sasl;

namespace MailSniffer.Decoders.Smtp;

/// <summary>The client direction: command lines, SASL responses, DATA bodies and BDAT chunks.</summary>
public sealed partial class SmtpDecoder
{
    private void ClientInput(ReadOnlySpan<byte> data, CaptureTime ts)
    {
        while (!data.IsEmpty && !_tls.Switched)
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
                    if (!ReadClientLine(ref data, ts)) return;
                    break;
            }
        }
    }

    /// <summary>False when the input is used up or the connection became TLS.</summary>
    private bool ReadClientLine(ref ReadOnlySpan<byte> data, CaptureTime ts)
    {
        switch (_client.Read(ref data, ts, out var line))
        {
            case LineRead.Line:
                ClientLine(WireText.Decode(line), ts);
                return true;
            case LineRead.Overflow:
                // The server answers it too ("500 line too long"): keep the reply pairing in step.
                Enqueue(new SmtpPendingCommand(SmtpCommandKind.Unparsed, ts), ts);
                return true;
            case LineRead.Tls:
                SwitchToTls(ts);
                return false;
            default:
                return false;
        }
    }

    private void ClientLine(string line, CaptureTime ts)
    {
        if (!_commands.TryCommand(line, _auth, out string verb, out string arg)) return;
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
                if (address != null && _transaction.Recipients.Count < _options.MaxRecipients)
                {
                    rcpt = new SmtpRecipient(address);
                    _transaction.Recipients.Add(rcpt);
                }
                else if (address != null) _anomalies.Report(ts, $"more than {_options.MaxRecipients} recipients in one transaction");
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
                _tls.ClientAsked();
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
        if (_early354)
        {
            // Its 354 was already seen (captured out of order): nothing left to pair.
            _early354 = false;
            StartDataBody(ts);
            return;
        }
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
        var tx = _messageTransaction ?? _transaction;
        EmitSubmitted(_message!, "DATA", tx, _messageStart, ts, complete);
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
        EmitSubmitted(_bdatMessage!, "BDAT", _bdatTransaction ?? _transaction, _bdatStart, ts, complete);
        _bdatMessage = null;
        _bdatTransaction = null;
        if (_clientMode == ClientMode.BdatChunk) _clientMode = ClientMode.Commands;
        if (complete) _transaction = new SmtpTransaction();
    }

    /// <summary>A message the client submitted (a DATA body or BDAT chunks), with the envelope of its transaction.</summary>
    private void EmitSubmitted(MessageContent content, string source, SmtpTransaction tx, CaptureTime start, CaptureTime ts, bool complete)
    {
        content.Seal();
        _sink.Emit(new MessageEvent(_flow.FlowId, ts, Protocol, source, Direction.ClientToServer, content, complete, Partial: false,
            MailFrom: tx.MailFrom, RcptTo: tx.RecipientsNotRejected(), User: _authenticatedUser, StartTs: start));
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
                _body.AfterGap();
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
        _client.LoseSync();
        _commands.LoseSync();
    }
}
