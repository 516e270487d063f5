using MailSniffer.Analysis.Model;
using MailSniffer.Tui.Data;
using MailSniffer.Tui.Filtering;

namespace MailSniffer.Tui.ViewModels;

/// <summary>Every message seen: from, to, subject, size, protocol and hop; the detail shows headers, preview and attachments.</summary>
public sealed class MessagesViewModel : ListViewModelBase<MessageRecord>
{
    public override string Title => "Messages";
    public override string KeysHelp => "w  save the selected message as .eml (in the current directory)";
    public string SaveDirectory { get; set; } = Directory.GetCurrentDirectory();
    /// <summary>The outcome of the last save, shown above that message.</summary>
    public string? Notice { get; private set; }
    private long _noticeFor;

    public override bool HandleKey(char key)
    {
        if (key != 'w' || SelectedItem is not { } m) return false;
        Notice = MessageSaver.Save(m, Snapshot.BytesOf(m.Index), SaveDirectory);
        _noticeFor = m.Index;
        return true;
    }
    public override string Header => $"  {"#",-4} {"from",-16} {"to",-16} {"subject",-22} {"size",6} {"proto",-5} hop";

    protected override IEnumerable<MessageRecord> ItemsOf(CaptureSnapshot snapshot) => snapshot.Messages;
    protected override object KeyOf(MessageRecord item) => item.Index;

    protected override string RowOf(MessageRecord m) =>
        $"{(m.Complete ? ' ' : '~')} {m.Index,-4} {Cell.Fit(From(m), 16)} {Cell.Fit(To(m), 16)} {Cell.Fit(m.Summary.Subject ?? "(no subject)", 22)} {Cell.Size(m.Size),6} {Cell.Fit(m.Protocol, 5)} {Cell.Safe(Cell.Host(m.Client ?? "?"))} -> {Cell.Safe(Cell.Host(m.Server ?? "?"))}";

    protected override string DetailOf(MessageRecord m)
    {
        var s = m.Summary;
        var lines = new List<string>();
        if (Notice != null && _noticeFor == m.Index) lines.Add(Cell.Safe(Notice));
        lines.AddRange(new[]
        {
            $"From: {Cell.Safe(s.FromName is { } n ? $"{n} <{s.From}>" : s.From ?? m.MailFrom ?? "?")}",
            $"To: {Cell.Safe(To(m))}",
            $"Subject: {Cell.Safe(s.Subject ?? "(no subject)")}",
            $"Date: {s.Date?.ToString("u") ?? "?"}   Message-ID: {Cell.Safe(s.MessageId ?? "?")}",
            $"{m.Protocol} {Cell.Safe(m.Source)} flow #{m.Flow}  {Cell.Safe(m.Client ?? "?")} -> {Cell.Safe(m.Server ?? "?")}  {m.Size} bytes{(m.Complete ? "" : "  INCOMPLETE")}{(m.Partial ? "  PARTIAL" : "")}",
            $"Envelope: MAIL FROM {Cell.Safe(m.MailFrom ?? "-")}  RCPT TO {Cell.Safe(string.Join(", ", m.RcptTo))}",
        });
        if (s.ParseError != null) lines.Add($"MIME parse error: {Cell.Safe(s.ParseError)}");
        lines.Add("");
        lines.Add(Cell.Safe(s.Preview ?? "(no text)"));
        if (s.Attachments.Count > 0 || s.AttachmentsOmitted > 0)
        {
            lines.Add("");
            lines.Add("Attachments:");
            foreach (var a in s.Attachments)
                lines.Add($"{new string(' ', 2 + 2 * a.Depth)}{(a.Nested ? "└ " : "- ")}{Cell.Safe(a.FileName ?? "(unnamed)")}  {Cell.Safe(a.ContentType)}  {a.Size} bytes  sha256 {a.Sha256[..Math.Min(16, a.Sha256.Length)]}…");
            if (s.AttachmentsOmitted > 0) lines.Add($"  (+{s.AttachmentsOmitted} more)");
        }
        return string.Join('\n', lines);
    }

    protected override FilterSubject SubjectOf(MessageRecord m)
    {
        var addresses = new List<string>();
        if (m.Summary.From != null) addresses.Add(m.Summary.From);
        if (m.MailFrom != null) addresses.Add(m.MailFrom);
        addresses.AddRange(m.Summary.To);
        addresses.AddRange(m.Summary.Cc);
        addresses.AddRange(m.RcptTo);
        return new FilterSubject(m.Protocol, new[] { Cell.Host(m.Client ?? ""), Cell.Host(m.Server ?? "") }, m.User, addresses,
            $"{m.Summary.Subject}\n{m.Summary.Preview}");
    }

    private static string From(MessageRecord m) => m.Summary.From ?? m.MailFrom ?? "?";
    private static string To(MessageRecord m) => m.Summary.To.Count > 0 ? string.Join(", ", m.Summary.To) : string.Join(", ", m.RcptTo);
}
