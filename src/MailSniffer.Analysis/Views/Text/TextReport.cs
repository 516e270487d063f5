using System.Globalization;
using MailSniffer.Analysis.Model;
using MailSniffer.Analysis.Views.Credentials;
using MailSniffer.Core.Flows;
using MailSniffer.Core.Text;

namespace MailSniffer.Analysis.Views.Text;

/// <summary>
/// The readable report of `read`: conversations with transcript excerpts, messages, credentials, DNS look-ups,
/// encrypted sessions and anomalies. Written after <see cref="CaptureModel.Complete"/> from what the model retained.
/// Every wire string is sanitised; all times are capture times.
/// </summary>
public sealed class TextReport
{
    private const int CellWidth = 60;
    private const int TranscriptWidth = 160;

    private readonly CaptureModel _model;

    public TextReport(CaptureModel model) => _model = model;

    public bool IncludeTranscripts { get; init; } = true;

    public void Write(TextWriter w)
    {
        WriteSummary(w);
        WriteConversations(w);
        WriteMessages(w);
        WriteCredentials(w);
        WriteDns(w);
        WriteEncrypted(w);
        WriteAnomalies(w);
    }

    private void WriteSummary(TextWriter w)
    {
        var t = _model.Totals;
        w.WriteLine("MailSniffer report");
        w.WriteLine($"  flows {t.Flows}, messages {t.Messages} ({t.IncompleteMessages} incomplete, {Bytes(t.MessageBytes)}), " +
                    $"credentials {t.Credentials}, DNS look-ups {t.DnsLookups}, encrypted flows {t.EncryptedFlows}, anomalies {t.Anomalies}");
        if (t.NotRetained > 0)
            w.WriteLine($"  note: {t.NotRetained} items were counted but not kept for this report (retention policy)");
    }

    private void WriteConversations(TextWriter w)
    {
        var conversations = _model.Conversations;
        Heading(w, "Conversations", conversations.Count);
        if (conversations.Count == 0) return;
        var table = new TextTable(CellWidth, "FLOW", "PROTO", "CLIENT", "SERVER", "START", "SECONDS", "TLS", "USER", "CMDS", "MSGS", "CREDS", "ANOM");
        foreach (var c in conversations)
            table.Add("#" + c.Id, c.Protocol, c.ClientText, c.ServerText, c.Flow?.Start.ToIso8601() ?? "?",
                c.Flow == null ? "?" : c.Flow.End.SecondsSince(c.Flow.Start).ToString("0.000", CultureInfo.InvariantCulture),
                c.Encrypted ? c.TlsKind ?? "yes" : "-", c.User ?? "-", N(c.Commands), N(c.Messages), N(c.Credentials), N(c.Anomalies));
        table.Write(w, "  ");
        if (!IncludeTranscripts) return;
        foreach (var c in conversations.Where(c => c.Transcript.Count > 0))
        {
            w.WriteLine();
            w.WriteLine($"  #{c.Id} {SafeText.ForTerminal(c.Protocol)} {c.ClientText} -> {c.ServerText}");
            foreach (var line in c.Transcript)
            {
                string arrow = line.Direction switch { Direction.ClientToServer => "C>", Direction.ServerToClient => "S>", _ => "--" };
                w.WriteLine($"    {line.Ts.ToIso8601()} {arrow} {Cut(SafeText.ForTerminal(line.Text), TranscriptWidth)}");
            }
            if (c.TranscriptOmitted > 0) w.WriteLine($"    ... {c.TranscriptOmitted} more lines");
        }
    }

    private void WriteMessages(TextWriter w)
    {
        var messages = _model.Messages;
        Heading(w, "Messages", messages.Count);
        if (messages.Count == 0) return;
        var table = new TextTable(CellWidth, "#", "FLOW", "TIME", "PROTO", "VIA", "SIZE", "STATE", "FROM", "TO", "SUBJECT", "ATT");
        foreach (var m in messages)
        {
            var s = m.Summary;
            string to = s.To.Count == 0 ? string.Join(", ", m.RcptTo) : string.Join(", ", s.To);
            table.Add(N(m.Index), "#" + m.Flow, m.Ts.ToIso8601(), m.Protocol, m.Source, Bytes(m.Size), State(m),
                s.From ?? m.MailFrom ?? "-", to.Length == 0 ? "-" : to, s.Subject ?? "-", N(s.Attachments.Count + s.AttachmentsOmitted));
        }
        table.Write(w, "  ");

        var withAttachments = messages.Where(m => m.Summary.Attachments.Count > 0).ToList();
        if (withAttachments.Count > 0)
        {
            w.WriteLine();
            var att = new TextTable(Math.Max(CellWidth, 64), "MSG", "FILENAME", "TYPE", "SIZE", "SHA256");
            foreach (var m in withAttachments)
                foreach (var a in m.Summary.Attachments)
                    att.Add(N(m.Index), a.FileName ?? "(unnamed)", a.ContentType, Bytes(a.Size), a.Sha256);
            att.Write(w, "  ");
        }

        var previews = messages.Where(m => !string.IsNullOrEmpty(m.Summary.Preview)).ToList();
        if (previews.Count > 0)
        {
            w.WriteLine();
            foreach (var m in previews)
                w.WriteLine($"  {m.Index}: {Cut(SafeText.ForTerminal(m.Summary.Preview), TranscriptWidth)}");
        }
    }

    private void WriteCredentials(TextWriter w)
    {
        Heading(w, "Credentials", _model.Credentials.Count);
        if (_model.Credentials.Count == 0) return;
        var sw = new StringWriter();
        new CredentialTable(_model).Write(sw);
        foreach (var line in sw.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries))
            w.WriteLine("  " + line.TrimEnd('\r'));
    }

    private void WriteDns(TextWriter w)
    {
        var lookups = _model.DnsLookups;
        Heading(w, "DNS look-ups", lookups.Count);
        if (lookups.Count == 0) return;
        var table = new TextTable(CellWidth, "TIME", "QUERIER", "SERVER", "NAME", "QTYPE", "RCODE", "ANSWERS", "RTT(ms)");
        foreach (var l in lookups.OrderBy(l => l.Ts))
        {
            string answers = string.Join(", ", l.Answers.Where(a => a.Section == "answer").Select(a => $"{a.RType} {a.Data}"));
            table.Add(l.Ts.ToIso8601(), l.Querier ?? "?", l.Server ?? "?", l.Name, l.QType ?? "?", l.Rcode ?? "(no response)",
                answers.Length == 0 ? "-" : answers,
                l.ResponseTime is { } rt ? (rt * 1000).ToString("0.0", CultureInfo.InvariantCulture) : "-");
        }
        table.Write(w, "  ");
    }

    private void WriteEncrypted(TextWriter w)
    {
        var encrypted = _model.Conversations.Where(c => c.Encrypted).ToList();
        Heading(w, "Encrypted sessions", encrypted.Count);
        if (encrypted.Count == 0) return;
        var table = new TextTable(CellWidth, "FLOW", "PROTO", "CLIENT", "SERVER", "KIND", "SINCE");
        foreach (var c in encrypted)
            table.Add("#" + c.Id, c.Protocol, c.ClientText, c.ServerText, c.TlsKind ?? "?", c.TlsTs?.ToIso8601() ?? "?");
        table.Write(w, "  ");
    }

    private void WriteAnomalies(TextWriter w)
    {
        var rows = new List<(string Ts, string Flow, string What, string Detail)>();
        foreach (var a in _model.Anomalies)
            rows.Add((a.Ts.ToIso8601(), "#" + a.Flow, a.Protocol, a.Reason));
        foreach (var m in _model.Messages)
        {
            if (!m.Complete) rows.Add((m.Ts.ToIso8601(), "#" + m.Flow, "message", $"message {m.Index} is incomplete (gap or capture end)"));
            if (m.Summary.ParseError != null) rows.Add((m.Ts.ToIso8601(), "#" + m.Flow, "message", $"message {m.Index}: {m.Summary.ParseError}"));
        }
        foreach (var c in _model.Conversations.Where(c => c.Flow is { Gaps: > 0 }))
            rows.Add((c.Flow!.End.ToIso8601(), "#" + c.Id, "tcp", $"{c.Flow.Gaps} gaps, {c.Flow.GapBytes} bytes not captured"));
        Heading(w, "Anomalies and warnings", rows.Count);
        if (rows.Count == 0) return;
        var table = new TextTable(120, "TIME", "FLOW", "WHAT", "DETAIL");
        foreach (var r in rows.OrderBy(r => r.Ts, StringComparer.Ordinal)) table.Add(r.Ts, r.Flow, r.What, r.Detail);
        table.Write(w, "  ");
    }

    private static void Heading(TextWriter w, string title, int count)
    {
        w.WriteLine();
        w.WriteLine($"== {title} ({count}) ==");
        if (count == 0) w.WriteLine("  none");
    }

    private static string State(MessageRecord m) =>
        (m.Complete ? "ok" : "INCOMPLETE") + (m.Partial ? ",partial" : "") + (m.Summary.ParseError != null ? ",unparsed" : "");

    private static string N(long n) => n.ToString(CultureInfo.InvariantCulture);

    private static string Bytes(long n) => n switch
    {
        < 10_000 => $"{n} B",
        < 10_000_000 => $"{n / 1024} KiB",
        _ => $"{n / (1024 * 1024)} MiB",
    };

    private static string Cut(string s, int max) => s.Length <= max ? s : s[..(max - 3)] + "...";
}
