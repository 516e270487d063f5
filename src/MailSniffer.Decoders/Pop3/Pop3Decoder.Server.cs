using MailSniffer.Core.Capture;
using MailSniffer.Core.Flows;
using MailSniffer.Decoders.Common;
using MailSniffer.Decoders.Events;
using MailSniffer.Decoders.Messages;
using MailSniffer.Decoders.Sasl;

namespace MailSniffer.Decoders.Pop3;

/// <summary>The server direction: status lines paired in order with commands, listings, RETR/TOP bodies.</summary>
public sealed partial class Pop3Decoder
{
    private void ServerInput(ReadOnlySpan<byte> data, CaptureTime ts)
    {
        while (!data.IsEmpty && !_tls.Switched)
        {
            if (_serverMode == ServerMode.MessageBody)
            {
                if (_body.Read(ref data, _message)) EndMessage(ts, complete: !_messageGap);
                continue;
            }
            var read = _server.Read(ref data, ts, out var line);
            if (read == LineRead.Line) ServerLine(WireText.Decode(line), ts);
            else if (read == LineRead.Tls) { SwitchToTls(ts); return; }
            else if (read == LineRead.NeedMore) return;
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
                _tls.ServerAgreed();
                break;
        }
    }

    private static bool LooksLikeGreeting(string text) =>
        ApopTimestamp.Find(text) != null || text.Contains("ready", StringComparison.OrdinalIgnoreCase)
        || text.Contains("POP", StringComparison.OrdinalIgnoreCase);

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
                _tls.ServerRefused();
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
        _tls.Forget(Direction.ServerToClient);
        if (_serverMode == ServerMode.MessageBody)
        {
            _messageGap = true;
            _body.AfterGap();
            _anomalies.Report(ts, $"{length} server bytes missing inside a {(_messageCommand!.Kind == Pop3CommandKind.Top ? "TOP" : "RETR")} message");
            return;
        }
        _anomalies.Report(ts, $"{length} server bytes missing");
        _server.Reset();
        _serverMode = ServerMode.Status;
        _serverResync = true;
        // The answers in flight may have been lost with the gap: pairing the next status line with them would be wrong.
        while (_pending.Count > 0) Settle(_pending.Dequeue(), null, ts);
    }
}
