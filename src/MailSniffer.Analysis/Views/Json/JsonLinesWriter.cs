using System.Buffers;
using System.Text.Json;
using MailSniffer.Analysis.Model;
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
        var record = Record("flow").Number("id", c.Id)
            .String("transport", f == null ? null : f.Transport == Transport.Tcp ? "tcp" : "udp")
            .String("client", f?.Client.ToString()).String("server", f?.Server.ToString())
            .String("start", f?.Start.ToIso8601()).String("end", f?.End.ToIso8601())
            .Number("packets", f?.Packets).Number("bytes_c2s", f?.BytesClientToServer).Number("bytes_s2c", f?.BytesServerToClient)
            .Number("gaps", f?.Gaps).Number("gap_bytes", f?.GapBytes).String("end_reason", f?.EndReason.ToJsonName())
            .String("protocol", c.Protocol).Bool("encrypted", c.Encrypted).String("tls_kind", c.TlsKind).String("user", c.User)
            .Number("commands", c.Commands).Number("replies", c.Replies).Number("messages", c.Messages)
            .Number("credentials", c.Credentials).Number("anomalies", c.Anomalies);
        if (f != null) record.Bool("handshake_seen", f.HandshakeSeen).Bool("roles_guessed", f.RolesGuessed);
        record.End();
    }

    public void EventSeen(MailEvent e, Conversation c)
    {
        JsonRecord? record = e switch
        {
            SmtpCommandEvent x => Record("smtp.command", x).String("verb", x.Verb).String("arg", x.Arg),
            SmtpReplyEvent x => Record("smtp.reply", x).Number("code", x.Code).Strings("lines", x.Lines),
            Pop3CommandEvent x => Record("pop3.command", x).String("verb", x.Verb).String("arg", x.Arg),
            Pop3ReplyEvent x => Record("pop3.reply", x).Bool("ok", x.Ok).String("text", x.Text),
            ImapCommandEvent x => Record("imap.command", x).String("tag", x.Tag).String("command", x.Command).String("args", x.Args),
            ImapResponseEvent x => Record("imap.response", x).String("tag", x.Tag).String("status", x.Status).String("text", x.Text),
            DnsQueryEvent x => Record("dns.query", x).Number("id", x.Id).String("name", x.Name).String("qtype", x.QType),
            DnsAnswerEvent x => Record("dns.answer", x).Number("id", x.Id).String("name", x.Name).String("rtype", x.RType)
                .String("data", x.Data).String("rcode", x.Rcode).Number("ttl", x.Ttl).String("section", x.Section),
            TlsEvent x => Record("tls", x).String("kind", x.Kind).String("protocol", x.Protocol),
            ProtocolDetectedEvent x => Record("protocol", x).String("protocol", x.Protocol).String("evidence", x.Evidence),
            AnomalyEvent x => Record("anomaly", x).String("protocol", x.Protocol).String("reason", x.Reason),
            _ => null,
        };
        record?.End();
    }

    public void MessageSeen(MessageRecord m, MessageContent content)
    {
        var s = m.Summary;
        var record = Record("message").Number("flow", m.Flow).Time("ts", m.Ts).String("start_ts", m.StartTs?.ToIso8601())
            .Number("index", m.Index).String("protocol", m.Protocol).String("source", m.Source)
            .String("direction", m.Direction.ToShortString()).String("mailbox", m.Mailbox).Number("uid", m.Uid)
            .String("user", m.User).String("client", m.Client).String("server", m.Server)
            .String("message_id", s.MessageId)
            .String("date", s.Date?.ToString("yyyy-MM-dd'T'HH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture))
            .String("from", s.From).String("from_name", s.FromName).Strings("to", s.To).Strings("cc", s.Cc)
            .String("subject", s.Subject).String("preview", s.Preview)
            .String("mail_from", m.MailFrom).Strings("rcpt_to", m.RcptTo)
            .Number("size", m.Size).String("sha256", m.Sha256).Bool("complete", m.Complete).Bool("partial", m.Partial)
            .String("parse_error", s.ParseError).Array("attachments");
        foreach (var a in s.Attachments)
        {
            record.Element().String("filename", a.FileName).String("content_type", a.ContentType).Number("size", a.Size)
                .String("sha256", a.Sha256).Bool("nested", a.Nested).EndElement();
        }
        record.EndArray().Number("attachments_omitted", s.AttachmentsOmitted).End();
    }

    public void CredentialSeen(Credential c) =>
        Record("credential").Number("flow", c.Flow).Time("ts", c.Ts)
            .String("protocol", c.Protocol).String("mechanism", c.Mechanism)
            .String("username", c.Username).String("password", c.Password).String("hash", c.Hash)
            .String("server", c.Server).String("client", c.Client)
            .Bool("accepted", c.Accepted).Number("occurrences", c.Occurrences)
            .End();

    public void DnsLookupCompleted(DnsLookup l)
    {
        var record = Record("dns.lookup").Number("flow", l.Flow).Time("ts", l.Ts).Number("id", l.Id)
            .String("querier", l.Querier).String("server", l.Server).String("name", l.Name).String("qtype", l.QType)
            .String("rcode", l.Rcode).Number("response_time", l.ResponseTime is { } rt ? Math.Round(rt, 6) : null)
            .Array("answers");
        foreach (var a in l.Answers)
        {
            record.Element().String("name", a.Name).String("rtype", a.RType).String("data", a.Data).Number("ttl", a.Ttl)
                .String("section", a.Section).EndElement();
        }
        record.EndArray().Number("retries", l.Retries).End();
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

    private JsonRecord Record(string type)
    {
        _json.WriteStartObject();
        _json.WriteString("type", type);
        return new JsonRecord(this, _json);
    }

    private JsonRecord Record(string type, MailEvent e) => Record(type).Number("flow", e.Flow).Time("ts", e.Ts);

    /// <summary>Closes the record's line, and hands the buffer to the output once it is large.</summary>
    internal void EndRecord()
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
}
