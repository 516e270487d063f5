using MailSniffer.Core.Capture;
using MailSniffer.Decoders.Common;
using MailSniffer.Decoders.Events;
using MailSniffer.Decoders.Sasl;

namespace MailSniffer.Decoders.Pop3;

/// <summary>The client direction: commands, and SASL responses during AUTH.</summary>
public sealed partial class Pop3Decoder
{
    private void ClientInput(ReadOnlySpan<byte> data, CaptureTime ts)
    {
        while (!data.IsEmpty && !_tls.Switched)
        {
            switch (_client.Read(ref data, ts, out var line))
            {
                case LineRead.Line:
                    ClientLine(WireText.Decode(line), ts);
                    break;
                case LineRead.Overflow:
                    Enqueue(new Pop3PendingCommand(Pop3CommandKind.Unparsed), ts); // the server answers it with -ERR
                    break;
                case LineRead.Tls:
                    SwitchToTls(ts);
                    return;
                default:
                    return;
            }
        }
    }

    private void ClientLine(string line, CaptureTime ts)
    {
        if (!_commands.TryCommand(line, _auth, out string verb, out string arg)) return;
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
                _tls.ClientAsked();
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
            _server.Reset();
            _serverResync = true;
        }
    }

    private void ClientGap(long length, CaptureTime ts)
    {
        _anomalies.Report(ts, $"{length} client bytes missing");
        _client.LoseSync();
        _commands.LoseSync();
    }

    private static long? ParseNumber(string[] args, int index) =>
        args.Length > index && long.TryParse(args[index], System.Globalization.NumberStyles.None, null, out long n) ? n : null;
}
