using MailSniffer.Core.Capture;
using MailSniffer.Decoders.Common;
using MailSniffer.Decoders.Events;

namespace MailSniffer.Decoders.Smtp;

/// <summary>The server direction: replies, paired in order with the commands waiting for them.</summary>
public sealed partial class SmtpDecoder
{
    private void ServerInput(ReadOnlySpan<byte> data, CaptureTime ts)
    {
        if (!data.IsEmpty) _serverSeen = true;
        while (!data.IsEmpty && !_tls.Switched)
        {
            var read = _server.Read(ref data, ts, out var line);
            if (read == LineRead.Line) ServerLine(WireText.Decode(line), ts);
            else if (read == LineRead.Tls) { SwitchToTls(ts); return; }
            else if (read == LineRead.NeedMore) return;
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

        if (code == 354 && !HasPendingData())
        {
            // Captured before the DATA it answers (reordering on the path): let that DATA start its body directly.
            _early354 = true;
            return;
        }

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
                if (code == 220) _tls.ServerAgreed();
                else _tls.ServerRefused();
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
        _server.LoseSync();
        _reply.Reset();
        _serverResync = true;
        // Replies were lost with the gap, so pairing the next ones in order would be wrong: treat everything in flight
        // as unanswered (success assumed, as for a silent server) and pair only what the client sends from now on.
        var inFlight = _pending.ToArray();
        _pending.Clear();
        foreach (var cmd in inFlight) Unanswered(cmd, ts);
    }
}
