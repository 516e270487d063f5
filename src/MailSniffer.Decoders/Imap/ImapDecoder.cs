using System.Text;
using MailSniffer.Core.Capture;
using MailSniffer.Core.Flows;
using MailSniffer.Decoders.Events;
using MailSniffer.Decoders.Messages;
using MailSniffer.Decoders.Sasl;

namespace MailSniffer.Decoders.Imap;

/// <summary>
/// IMAP4 (RFC 3501 / 9051) as an incremental state machine over both directions of one connection. Each direction has
/// its own <see cref="ImapStreamReader"/> (lines and literals); this class interprets the logical lines: commands and
/// responses, LOGIN/AUTHENTICATE credentials, the selected mailbox, FETCH/APPEND message bytes, IDLE, STARTTLS and
/// COMPRESS=DEFLATE.
/// </summary>
public sealed class ImapDecoder : IStreamDecoder, IImapLineHandler, IDisposable
{
    private const string Proto = "imap";

    private readonly FlowContext _flow;
    private readonly IMailEventSink _sink;
    private readonly ImapDecoderOptions _options;
    private readonly ImapStreamReader _client;
    private readonly ImapStreamReader _server;
    private readonly List<ImapPendingCommand> _pending = new();
    private readonly PushInflater?[] _inflaters = new PushInflater?[2];
    private SaslExchange? _sasl;
    private string? _saslTag;
    private string? _selected;
    private string? _user;
    private string? _idleTag;
    private bool _tlsCheckPending;
    private bool _done;
    private string? _failure;

    public ImapDecoder(FlowContext flow, IMailEventSink sink, ImapDecoderOptions? options = null)
    {
        _flow = flow;
        _sink = sink;
        _options = options ?? new ImapDecoderOptions();
        _client = new ImapStreamReader(Direction.ClientToServer, this);
        _server = new ImapStreamReader(Direction.ServerToClient, this);
    }

    public string Protocol => Proto;

    public DecodeResult Feed(Direction direction, ReadOnlySpan<byte> data, CaptureTime timestamp)
    {
        if (_done) return DecodeResult.Done();
        if (_failure != null) return DecodeResult.Malformed(_failure);
        var reader = Reader(direction);
        while (!data.IsEmpty)
        {
            if (_tlsCheckPending)
            {
                // After a tagged OK to STARTTLS, a TLS record starts with a content type 0x14-0x18; an IMAP line never
                // starts with such a control byte. One byte decides, so any split of the input decides the same way.
                if (data[0] is >= 0x14 and <= 0x18)
                {
                    _sink.Emit(new TlsEvent(_flow.FlowId, timestamp, "starttls", Proto));
                    _done = true;
                    return DecodeResult.Done("STARTTLS: TLS follows");
                }
                _tlsCheckPending = false;
            }
            var inflater = _inflaters[(int)direction];
            if (inflater != null)
            {
                inflater.Push(data, block => FeedAll(reader, block, timestamp));
                if (inflater.Failed)
                {
                    _failure = $"COMPRESS=DEFLATE stream corrupt ({direction.ToShortString()}): {inflater.Error}";
                    Anomaly(_failure, timestamp);
                    return DecodeResult.Malformed(_failure);
                }
                break;
            }
            reader.Feed(ref data, timestamp);
        }
        return _done ? DecodeResult.Done() : DecodeResult.NeedMore;
    }

    public DecodeResult Gap(Direction direction, long length, CaptureTime timestamp)
    {
        if (_done) return DecodeResult.Done();
        if (_failure != null) return DecodeResult.Malformed(_failure);
        if (_inflaters[(int)direction] != null)
        {
            _failure = $"gap of {length} bytes inside a COMPRESS=DEFLATE stream ({direction.ToShortString()}); cannot resynchronise";
            Anomaly(_failure, timestamp);
            return DecodeResult.Malformed(_failure);
        }
        bool inLiteral = Reader(direction).Gap(length, timestamp);
        Anomaly(inLiteral
            ? $"gap of {length} bytes inside a literal ({direction.ToShortString()}); its message is incomplete"
            : $"gap of {length} bytes ({direction.ToShortString()}); resynchronising at the next command/response line", timestamp);
        return DecodeResult.NeedMore;
    }

    public void Finish(CaptureTime timestamp)
    {
        _client.Finish(timestamp);
        _server.Finish(timestamp);
        if (_sasl != null) EmitSaslCredential(_sasl, timestamp, accepted: null);
        _sasl = null;
        foreach (var p in _pending) EmitLoginCredential(p, timestamp, accepted: null);
        _pending.Clear();
        Dispose();
    }

    public void Dispose()
    {
        foreach (var i in _inflaters) i?.Dispose();
        Array.Clear(_inflaters);
    }

    private static void FeedAll(ImapStreamReader reader, ReadOnlySpan<byte> data, CaptureTime ts)
    {
        while (!data.IsEmpty) reader.Feed(ref data, ts);
    }

    private ImapStreamReader Reader(Direction d) => d == Direction.ClientToServer ? _client : _server;

    // ---- IImapLineHandler ----

    ImapLiteral IImapLineHandler.OnLiteralStart(Direction direction, ImapLine line, long size, bool synchronizing, CaptureTime ts)
    {
        bool message = IsMessageLiteral(direction, line);
        MessageContent? content = null;
        if (message)
        {
            if (size > _options.MaxMessageBytes)
                Anomaly($"literal of {size} bytes exceeds the {_options.MaxMessageBytes}-byte message cap; keeping the first {_options.MaxMessageBytes} bytes", ts);
            // The literal's size fits a small message exactly; a large one grows in pooled chunks instead of a fresh
            // 64 KiB first array per message (a tenth of everything read --json allocated).
            content = new MessageContent(_options.SpillThreshold, (int)Math.Clamp(size, 16, MessageContent.DefaultInitialCapacity));
        }
        return new ImapLiteral(size, synchronizing, ts, content, message ? _options.MaxMessageBytes : 0);
    }

    void IImapLineHandler.OnLine(Direction direction, ImapLine line, CaptureTime ts)
    {
        if (line.Truncated) Anomaly($"logical line longer than {ImapLine.MaxTextLength} characters; text truncated", ts);
        if (direction == Direction.ClientToServer) OnClientLine(line, ts);
        else OnServerLine(line, ts);
        foreach (var lit in line.Literals)
            if (lit.Content != null && !lit.Claimed) lit.Content.Dispose();
    }

    void IImapLineHandler.OnAnomaly(string reason, CaptureTime ts) => Anomaly(reason, ts);

    // ---- client side ----

    private void OnClientLine(ImapLine line, CaptureTime ts)
    {
        if (_sasl != null)
        {
            // Inside AUTHENTICATE the client sends base64 lines (or "*" to cancel), not commands. Base64 has no spaces,
            // so a line shaped like "tag COMMAND ..." means we missed the server's completion (client-only capture).
            if (!ImapSyntax.LooksLikeCommand(System.Text.Encoding.UTF8.GetBytes(line.Text)))
            {
                _sasl.OnClientResponse(line.Text);
                return;
            }
            var cred = EmitSaslCredential(_sasl, ts, accepted: null);
            if (cred != null) _user ??= cred.Username;
            _sasl = null;
        }
        if (_idleTag != null && line.Text.Trim().Equals("DONE", StringComparison.OrdinalIgnoreCase))
        {
            _sink.Emit(new ImapCommandEvent(_flow.FlowId, ts, "", "DONE", ""));
            return;
        }
        var tokens = ImapTokenizer.Tokenize(line);
        if (tokens.Count < 2 || tokens[0].Kind != ImapTokenKind.Atom || tokens[1].Kind != ImapTokenKind.Atom)
        {
            if (line.Text.Length > 0 && !line.Broken) Anomaly("client line is not a tagged command", ts);
            return;
        }
        string tag = tokens[0].Text;
        string command = tokens[1].Text.ToUpperInvariant();
        int argIndex = 2;
        if (command == "UID" && tokens.Count > 2 && tokens[2].Kind == ImapTokenKind.Atom)
        {
            command = "UID " + tokens[2].Text.ToUpperInvariant();
            argIndex = 3;
        }
        string args = line.Text[tokens[argIndex - 1].End..].TrimStart(' ');
        _sink.Emit(new ImapCommandEvent(_flow.FlowId, ts, tag, command, args));

        var pending = new ImapPendingCommand(tag, command, ts);
        switch (command)
        {
            case "LOGIN":
                pending = pending with { LoginUser = AString(tokens, 2, line), LoginPassword = AString(tokens, 3, line) };
                if (pending.LoginUser != null) _user = pending.LoginUser;
                break;
            case "AUTHENTICATE" when tokens.Count > 2:
                _sasl = new SaslExchange(tokens[2].Text, tokens.Count > 3 ? AString(tokens, 3, line) : null);
                _saslTag = tag;
                break;
            case "SELECT" or "EXAMINE":
                _selected = MailboxArg(tokens, 2, line);
                pending = pending with { Mailbox = _selected };
                break;
            case "APPEND":
                EmitAppended(tokens, line, ts);
                break;
            case "IDLE":
                _idleTag = tag;
                break;
        }
        AddPending(pending, ts);
    }

    private void EmitAppended(List<ImapToken> tokens, ImapLine line, CaptureTime ts)
    {
        string? mailbox = MailboxArg(tokens, 2, line);
        int depth = 0;
        for (int i = 3; i < tokens.Count; i++)
        {
            var t = tokens[i];
            if (t.Kind == ImapTokenKind.ListStart) depth++;
            else if (t.Kind == ImapTokenKind.ListEnd) depth--;
            else if (t.Kind == ImapTokenKind.Literal && depth == 0)
            {
                var lit = line.Literals[t.LiteralIndex];
                if (lit.Content == null || lit.Rejected) continue;
                EmitMessage(lit, "APPEND", Direction.ClientToServer, false, mailbox, null, null, ts);
            }
        }
    }

    private void AddPending(ImapPendingCommand pending, CaptureTime ts)
    {
        if (_pending.Count >= _options.MaxPendingCommands)
        {
            EmitLoginCredential(_pending[0], ts, accepted: null);
            _pending.RemoveAt(0);
        }
        _pending.Add(pending);
    }

    // ---- server side ----

    private void OnServerLine(ImapLine line, CaptureTime ts)
    {
        var text = line.Text;
        if (text.Length == 0) return;
        if (text[0] == '+')
        {
            string rest = text.Length > 1 ? text[1..].TrimStart(' ') : "";
            _sink.Emit(new ImapResponseEvent(_flow.FlowId, ts, "+", "", rest));
            // A "+" that answers a synchronising literal is not a SASL challenge.
            if (_sasl != null && _client.CurrentLiteral == null) _sasl.OnServerChallenge(rest);
            return;
        }
        var tokens = ImapTokenizer.Tokenize(line);
        if (tokens.Count == 0 || tokens[0].Kind != ImapTokenKind.Atom)
        {
            if (!line.Broken) Anomaly("server line is not an IMAP response", ts);
            return;
        }
        if (tokens[0].Text == "*")
        {
            OnUntagged(tokens, line, ts);
            return;
        }
        string tag = tokens[0].Text;
        string status = tokens.Count > 1 ? tokens[1].Text.ToUpperInvariant() : "";
        string statusText = tokens.Count > 1 ? text[tokens[1].End..].TrimStart(' ') : "";
        _sink.Emit(new ImapResponseEvent(_flow.FlowId, ts, tag, status, statusText));
        OnTagged(tag, status, ts);
    }

    private void OnUntagged(List<ImapToken> tokens, ImapLine line, CaptureTime ts)
    {
        string text = line.Text;
        if (tokens.Count >= 3 && IsNumber(tokens[1]) && tokens[2].Kind == ImapTokenKind.Atom)
        {
            string keyword = tokens[2].Text.ToUpperInvariant();
            string rest = text[tokens[2].End..].TrimStart(' ');
            _sink.Emit(new ImapResponseEvent(_flow.FlowId, ts, "*", keyword, rest.Length == 0 ? tokens[1].Text : tokens[1].Text + " " + rest));
            if (keyword == "FETCH" && long.TryParse(tokens[1].Text, out long seq)) EmitFetched(tokens, line, seq, ts);
            return;
        }
        string status = tokens.Count > 1 ? tokens[1].Text.ToUpperInvariant() : "";
        string statusText = tokens.Count > 1 ? text[tokens[1].End..].TrimStart(' ') : "";
        _sink.Emit(new ImapResponseEvent(_flow.FlowId, ts, "*", status, statusText));
    }

    private void EmitFetched(List<ImapToken> tokens, ImapLine line, long seq, CaptureTime ts)
    {
        if (tokens.Count < 4 || tokens[3].Kind != ImapTokenKind.ListStart) return;
        long? uid = null;
        var bodies = new List<(string Name, ImapToken Value)>();
        int i = 4;
        while (i < tokens.Count && tokens[i].Kind != ImapTokenKind.ListEnd)
        {
            var name = tokens[i];
            if (i + 1 >= tokens.Count) break;
            var value = tokens[i + 1];
            if (name.Kind == ImapTokenKind.Atom)
            {
                if (name.IsAtom("UID") && value.Kind == ImapTokenKind.Atom && long.TryParse(value.Text, out long u)) uid = u;
                else if (ImapBodyItem.IsBodyItem(name.Text) && value.Kind is ImapTokenKind.Literal or ImapTokenKind.Quoted) bodies.Add((name.Text, value));
            }
            i = SkipValue(tokens, i + 1);
        }
        foreach (var (name, value) in bodies)
        {
            bool partial = !ImapBodyItem.IsWholeMessage(name);
            if (value.Kind == ImapTokenKind.Literal)
            {
                var lit = line.Literals[value.LiteralIndex];
                if (lit.Content != null) EmitMessage(lit, "FETCH " + name, Direction.ServerToClient, partial, _selected, uid, seq, ts);
            }
            else
            {
                var content = MessageContent.FromBytes(Encoding.UTF8.GetBytes(value.Text));
                _sink.Emit(new MessageEvent(_flow.FlowId, ts, Proto, "FETCH " + name, Direction.ServerToClient, content, true, partial,
                    Mailbox: _selected, User: _user, Uid: uid, SequenceNumber: seq, StartTs: ts));
            }
        }
    }

    private static int SkipValue(List<ImapToken> tokens, int i)
    {
        if (tokens[i].Kind != ImapTokenKind.ListStart) return i + 1;
        int depth = 0;
        for (; i < tokens.Count; i++)
        {
            if (tokens[i].Kind == ImapTokenKind.ListStart) depth++;
            else if (tokens[i].Kind == ImapTokenKind.ListEnd && --depth == 0) return i + 1;
        }
        return i;
    }

    private void OnTagged(string tag, string status, CaptureTime ts)
    {
        bool ok = status == "OK";
        // A refused synchronising literal is never sent: the client's command ends at its "{n}".
        var clientLiteral = _client.CurrentLiteral;
        if (!ok && clientLiteral != null && clientLiteral.Synchronizing && clientLiteral.Consumed == 0 && LineTag(_client.CurrentLine) == tag)
            _client.CancelLiteral(ts);

        if (_sasl != null && _saslTag == tag)
        {
            var cred = EmitSaslCredential(_sasl, ts, ok);
            if (ok && cred != null) _user = cred.Username;
            _sasl = null;
        }
        int index = _pending.FindIndex(p => p.Tag == tag);
        if (index < 0) return;
        var pending = _pending[index];
        _pending.RemoveAt(index);
        EmitLoginCredential(pending, ts, ok);
        switch (pending.Command)
        {
            case "SELECT" or "EXAMINE" when !ok:
                _selected = null;
                break;
            case "STARTTLS" when ok:
                _tlsCheckPending = true;
                _server.Pause();
                break;
            case "COMPRESS" when ok:
                _inflaters[0] = new PushInflater();
                _inflaters[1] = new PushInflater();
                _server.Pause();
                break;
            case "IDLE":
                _idleTag = null;
                break;
        }
    }

    private static string? LineTag(ImapLine? line)
    {
        if (line == null) return null;
        int sp = line.Text.IndexOf(' ');
        return sp > 0 ? line.Text[..sp] : null;
    }

    // ---- emitting ----

    private void EmitMessage(ImapLiteral lit, string source, Direction direction, bool partial, string? mailbox, long? uid, long? seq, CaptureTime ts)
    {
        var content = lit.Content!;
        lit.Claimed = true;
        content.Seal();
        _sink.Emit(new MessageEvent(_flow.FlowId, lit.EndTs ?? ts, Proto, source, direction, content, lit.IsComplete, partial,
            Mailbox: mailbox, User: _user, Uid: uid, SequenceNumber: seq, StartTs: lit.StartTs));
    }

    private void EmitLoginCredential(ImapPendingCommand p, CaptureTime ts, bool? accepted)
    {
        if (p.Command != "LOGIN" || p.LoginUser == null) return;
        _sink.Emit(new CredentialEvent(_flow.FlowId, ts, Proto, "LOGIN", p.LoginUser, p.LoginPassword, null, accepted));
    }

    private SaslCredential? EmitSaslCredential(SaslExchange sasl, CaptureTime ts, bool? accepted)
    {
        var cred = sasl.Credential;
        if (cred != null)
            _sink.Emit(new CredentialEvent(_flow.FlowId, ts, Proto, cred.Mechanism, cred.Username, cred.Password, cred.Hash, accepted));
        return cred;
    }

    private void Anomaly(string reason, CaptureTime ts) => _sink.Emit(new AnomalyEvent(_flow.FlowId, ts, Proto, reason));

    // ---- helpers ----

    private bool IsMessageLiteral(Direction direction, ImapLine line)
    {
        var ctx = line.Context;
        ctx.Advance(line);
        bool message;
        if (direction == Direction.ServerToClient)
        {
            // "* n FETCH (... BODY[...] {size}"
            message = ctx.Head.Count == 3 && ctx.Head[0] == "*" && IsDigits(ctx.Head[1]) && ctx.Head[2].Equals("FETCH", StringComparison.OrdinalIgnoreCase)
                && ctx.Depth == 1 && ctx.Previous is { Kind: ImapTokenKind.Atom } prev && ImapBodyItem.IsBodyItem(prev.Text);
        }
        else
        {
            // "tag APPEND mailbox [flags] [date] {size}" (and further messages of a MULTIAPPEND)
            message = _sasl == null && ctx.Head.Count >= 2 && ctx.Head[1].Equals("APPEND", StringComparison.OrdinalIgnoreCase)
                && ctx.Depth == 0 && ctx.TokenCount >= 3;
        }
        ctx.CountLiteral(line);
        return message;
    }

    private static bool IsDigits(string s) => s.Length is > 0 and < 19 && s.All(char.IsAsciiDigit);

    private static bool IsNumber(ImapToken t) => t.Kind == ImapTokenKind.Atom && t.Text.Length is > 0 and < 19 && t.Text.All(char.IsAsciiDigit);

    private static string? MailboxArg(List<ImapToken> tokens, int index, ImapLine line) =>
        AString(tokens, index, line) is { } raw ? ImapMailboxName.Decode(raw) : null;

    private static string? AString(List<ImapToken> tokens, int index, ImapLine line)
    {
        if (index >= tokens.Count) return null;
        var t = tokens[index];
        return t.Kind switch
        {
            ImapTokenKind.Atom or ImapTokenKind.Quoted => t.Text,
            ImapTokenKind.Literal => Encoding.UTF8.GetString(line.Literals[t.LiteralIndex].Captured),
            _ => null,
        };
    }
}
