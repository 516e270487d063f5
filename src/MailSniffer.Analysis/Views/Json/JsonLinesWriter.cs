using System.Buffers;
using System.Text.Json;
using MailSniffer.Analysis.Model;
using MailSniffer.Core.Capture;
using MailSniffer.Core.Flows;
using MailSniffer.Decoders.Events;
using MailSniffer.Decoders.Messages;

namespace MailSniffer.Analysis.Views.Json;

/// <summary>
/// The --json view: one JSON object per line, written as things happen (see docs/json.md). Records are built with
/// Utf8JsonWriter into a reused buffer that is flushed to the output in large blocks, so memory stays constant.
/// Attach to a <see cref="CaptureModel"/> as an observer; dispose (or let Complete run) to flush.
/// </summary>
public sealed class JsonLinesWriter : ICaptureObserver, IDisposable
{
    private const int FlushThreshold = 64 * 1024;

    private readonly Stream _output;
    private readonly bool _leaveOpen;
    private readonly ArrayBufferWriter<byte> _buffer = new(FlushThreshold * 2);
    private readonly Utf8JsonWriter _json;

    public JsonLinesWriter(Stream output, bool leaveOpen = true)
    {
        _output = output;
        _leaveOpen = leaveOpen;
        // The default encoder escapes every non-ASCII and control character: a terminal showing this output can never
        // be driven by escape sequences or bidi overrides taken from the wire.
        _json = new Utf8JsonWriter(_buffer, new JsonWriterOptions { Indented = false });
    }

    public long RecordsWritten { get; private set; }

    public void FlowEnded(Conversation c)
    {
        var f = c.Flow;
        Begin("flow");
        _json.WriteNumber("id", c.Id);
        WriteString("transport", f == null ? null : f.Transport == Transport.Tcp ? "tcp" : "udp");
        WriteString("client", f?.Client.ToString());
        WriteString("server", f?.Server.ToString());
        WriteString("start", f?.Start.ToIso8601());
        WriteString("end", f?.End.ToIso8601());
        WriteNumber("packets", f?.Packets);
        WriteNumber("bytes_c2s", f?.BytesClientToServer);
        WriteNumber("bytes_s2c", f?.BytesServerToClient);
        WriteNumber("gaps", f?.Gaps);
        WriteNumber("gap_bytes", f?.GapBytes);
        WriteString("end_reason", f?.EndReason.ToJsonName());
        WriteString("protocol", c.Protocol);
        _json.WriteBoolean("encrypted", c.Encrypted);
        WriteString("tls_kind", c.TlsKind);
        WriteString("user", c.User);
        _json.WriteNumber("commands", c.Commands);
        _json.WriteNumber("replies", c.Replies);
        _json.WriteNumber("messages", c.Messages);
        _json.WriteNumber("credentials", c.Credentials);
        _json.WriteNumber("anomalies", c.Anomalies);
        if (f != null)
        {
            _json.WriteBoolean("handshake_seen", f.HandshakeSeen);
            _json.WriteBoolean("roles_guessed", f.RolesGuessed);
        }
        End();
    }

    public void EventSeen(MailEvent e, Conversation c)
    {
        switch (e)
        {
            case SmtpCommandEvent x:
                Begin("smtp.command", x);
                WriteString("verb", x.Verb);
                WriteString("arg", x.Arg);
                break;
            case SmtpReplyEvent x:
                Begin("smtp.reply", x);
                _json.WriteNumber("code", x.Code);
                WriteStrings("lines", x.Lines);
                break;
            case Pop3CommandEvent x:
                Begin("pop3.command", x);
                WriteString("verb", x.Verb);
                WriteString("arg", x.Arg);
                break;
            case Pop3ReplyEvent x:
                Begin("pop3.reply", x);
                _json.WriteBoolean("ok", x.Ok);
                WriteString("text", x.Text);
                break;
            case ImapCommandEvent x:
                Begin("imap.command", x);
                WriteString("tag", x.Tag);
                WriteString("command", x.Command);
                WriteString("args", x.Args);
                break;
            case ImapResponseEvent x:
                Begin("imap.response", x);
                WriteString("tag", x.Tag);
                WriteString("status", x.Status);
                WriteString("text", x.Text);
                break;
            case DnsQueryEvent x:
                Begin("dns.query", x);
                _json.WriteNumber("id", x.Id);
                WriteString("name", x.Name);
                WriteString("qtype", x.QType);
                break;
            case DnsAnswerEvent x:
                Begin("dns.answer", x);
                _json.WriteNumber("id", x.Id);
                WriteString("name", x.Name);
                WriteString("rtype", x.RType);
                WriteString("data", x.Data);
                WriteString("rcode", x.Rcode);
                _json.WriteNumber("ttl", x.Ttl);
                WriteString("section", x.Section);
                break;
            case TlsEvent x:
                Begin("tls", x);
                WriteString("kind", x.Kind);
                WriteString("protocol", x.Protocol);
                break;
            case ProtocolDetectedEvent x:
                Begin("protocol", x);
                WriteString("protocol", x.Protocol);
                WriteString("evidence", x.Evidence);
                break;
            case AnomalyEvent x:
                Begin("anomaly", x);
                WriteString("protocol", x.Protocol);
                WriteString("reason", x.Reason);
                break;
            default:
                return;
        }
        End();
    }

    public void MessageSeen(MessageRecord m, MessageContent content)
    {
        var s = m.Summary;
        Begin("message");
        _json.WriteNumber("flow", m.Flow);
        WriteTime("ts", m.Ts);
        WriteString("start_ts", m.StartTs?.ToIso8601());
        _json.WriteNumber("index", m.Index);
        WriteString("protocol", m.Protocol);
        WriteString("source", m.Source);
        WriteString("direction", m.Direction.ToShortString());
        WriteString("mailbox", m.Mailbox);
        WriteNumber("uid", m.Uid);
        WriteString("user", m.User);
        WriteString("client", m.Client);
        WriteString("server", m.Server);
        WriteString("message_id", s.MessageId);
        WriteString("date", s.Date?.ToString("yyyy-MM-dd'T'HH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture));
        WriteString("from", s.From);
        WriteString("from_name", s.FromName);
        WriteStrings("to", s.To);
        WriteStrings("cc", s.Cc);
        WriteString("subject", s.Subject);
        WriteString("preview", s.Preview);
        WriteString("mail_from", m.MailFrom);
        WriteStrings("rcpt_to", m.RcptTo);
        _json.WriteNumber("size", m.Size);
        WriteString("sha256", m.Sha256);
        _json.WriteBoolean("complete", m.Complete);
        _json.WriteBoolean("partial", m.Partial);
        WriteString("parse_error", s.ParseError);
        _json.WriteStartArray("attachments");
        foreach (var a in s.Attachments)
        {
            _json.WriteStartObject();
            WriteString("filename", a.FileName);
            WriteString("content_type", a.ContentType);
            _json.WriteNumber("size", a.Size);
            WriteString("sha256", a.Sha256);
            _json.WriteBoolean("nested", a.Nested);
            _json.WriteEndObject();
        }
        _json.WriteEndArray();
        _json.WriteNumber("attachments_omitted", s.AttachmentsOmitted);
        End();
    }

    public void CredentialSeen(Credential c)
    {
        Begin("credential");
        _json.WriteNumber("flow", c.Flow);
        WriteTime("ts", c.Ts);
        WriteString("protocol", c.Protocol);
        WriteString("mechanism", c.Mechanism);
        WriteString("username", c.Username);
        WriteString("password", c.Password);
        WriteString("hash", c.Hash);
        WriteString("server", c.Server);
        WriteString("client", c.Client);
        if (c.Accepted is { } accepted) _json.WriteBoolean("accepted", accepted);
        else _json.WriteNull("accepted");
        _json.WriteNumber("occurrences", c.Occurrences);
        End();
    }

    public void DnsLookupCompleted(DnsLookup l)
    {
        Begin("dns.lookup");
        _json.WriteNumber("flow", l.Flow);
        WriteTime("ts", l.Ts);
        _json.WriteNumber("id", l.Id);
        WriteString("querier", l.Querier);
        WriteString("server", l.Server);
        WriteString("name", l.Name);
        WriteString("qtype", l.QType);
        WriteString("rcode", l.Rcode);
        if (l.ResponseTime is { } rt) _json.WriteNumber("response_time", Math.Round(rt, 6));
        else _json.WriteNull("response_time");
        _json.WriteStartArray("answers");
        foreach (var a in l.Answers)
        {
            _json.WriteStartObject();
            WriteString("name", a.Name);
            WriteString("rtype", a.RType);
            WriteString("data", a.Data);
            _json.WriteNumber("ttl", a.Ttl);
            WriteString("section", a.Section);
            _json.WriteEndObject();
        }
        _json.WriteEndArray();
        _json.WriteNumber("retries", l.Retries);
        End();
    }

    public void Completed() => Flush();

    public void Flush()
    {
        if (_buffer.WrittenCount > 0)
        {
            _output.Write(_buffer.WrittenSpan);
            _buffer.ResetWrittenCount();
        }
        _output.Flush();
    }

    public void Dispose()
    {
        Flush();
        _json.Dispose();
        if (!_leaveOpen) _output.Dispose();
    }

    private void Begin(string type)
    {
        _json.WriteStartObject();
        _json.WriteString("type", type);
    }

    private void Begin(string type, MailEvent e)
    {
        Begin(type);
        _json.WriteNumber("flow", e.Flow);
        WriteTime("ts", e.Ts);
    }

    private void End()
    {
        _json.WriteEndObject();
        _json.Flush();
        _json.Reset(_buffer);
        _buffer.GetSpan(1)[0] = (byte)'\n';
        _buffer.Advance(1);
        RecordsWritten++;
        if (_buffer.WrittenCount >= FlushThreshold)
        {
            _output.Write(_buffer.WrittenSpan);
            _buffer.ResetWrittenCount();
        }
    }

    private void WriteTime(string name, CaptureTime time)
    {
        Span<byte> utf8 = stackalloc byte[CaptureTime.Iso8601Length];
        time.FormatIso8601(utf8);
        _json.WriteString(name, utf8);
    }

    private void WriteString(string name, string? value)
    {
        if (value == null) _json.WriteNull(name);
        else _json.WriteString(name, JsonText.Clean(value));
    }

    private void WriteNumber(string name, long? value)
    {
        if (value is { } v) _json.WriteNumber(name, v);
        else _json.WriteNull(name);
    }

    private void WriteStrings(string name, IReadOnlyList<string> values)
    {
        _json.WriteStartArray(name);
        foreach (var v in values) _json.WriteStringValue(JsonText.Clean(v));
        _json.WriteEndArray();
    }
}
