using MailSniffer.Analysis.Model;
using MailSniffer.Tui.Data;
using MailSniffer.Tui.Filtering;
using MailSniffer.Tui.Mime;
using MimeKit;

namespace MailSniffer.Tui.ViewModels;

/// <summary>
/// One message opened from the Messages view (Enter): headers, the MIME structure as a tree and the text body. The
/// selection starts on the first attachment; 'a' saves the selected part into <see cref="SaveDirectory"/>, 'w' the
/// whole message as .eml; Enter or Esc goes back. The raw message is the one the collector kept (up to 1 MB).
/// </summary>
public sealed class MessageDetailViewModel : IListViewModel
{
    public const int MaxBodyLines = 500;
    private MessageRecord? _message;
    private byte[]? _raw;
    private List<MimeNode> _nodes = new();
    private List<string> _rows = new();
    private readonly Dictionary<int, MimeNode> _nodeAtRow = new();
    private string? _notice;

    public string SaveDirectory { get; set; } = Directory.GetCurrentDirectory();
    public MessageRecord? Message => _message;
    public IReadOnlyList<MimeNode> Nodes => _nodes;
    public string? LastSavedPath { get; private set; }

    public string Title => "Messages";
    public string KeysHelp => "(message opened with Enter) a  save the selected attachment   w  save the message as .eml   Esc  back";
    public string Header => _message is { } m
        ? $"Message #{m.Index}: {Cell.Fit(m.Summary.Subject ?? "(no subject)", 30).TrimEnd()}   a save part  w save .eml  Esc back"
        : "No message selected.";
    public IReadOnlyList<string> Rows => _rows;
    public int Selected { get; private set; }
    public MimeNode? SelectedNode => _nodeAtRow.GetValueOrDefault(Selected);

    public string Detail
    {
        get
        {
            var lines = new List<string>();
            if (_notice != null) lines.Add(Cell.Safe(_notice));
            if (SelectedNode is { } n)
                lines.Add($"{Cell.Safe(n.ContentType)}{(n.FileName != null ? $"  file name \"{Cell.Safe(n.FileName)}\"" : "")}{(n.Size is { } s ? $"  {s} bytes decoded" : "")}");
            if (SelectedNode is { Sha256: { } sha }) lines.Add($"sha256 {sha}");
            if (SelectedNode is { Saveable: true }) lines.Add("a: save this part in the current directory (never overwrites)");
            return string.Join('\n', lines);
        }
    }

    /// <summary>Opens a message: parses the kept bytes with MimeKit (or lists the summary's attachments when none were kept).</summary>
    public void Open(MessageRecord message, byte[]? raw)
    {
        _message = message;
        _raw = raw;
        _notice = null;
        MimeMessage? parsed = null;
        if (raw != null) (parsed, _nodes) = MimeTree.Parse(raw);
        else _nodes = MimeTree.FromSummary(message.Summary);
        Build(parsed);
        int first = _nodeAtRow.Where(kv => kv.Value.IsAttachment).Select(kv => kv.Key).DefaultIfEmpty(_nodeAtRow.Keys.DefaultIfEmpty(0).Min()).Min();
        Selected = Math.Clamp(first, 0, Math.Max(0, _rows.Count - 1));
    }

    public void Update(CaptureSnapshot snapshot, RowFilter filter) { }

    public void Select(int index) => Selected = Math.Clamp(index, 0, Math.Max(0, _rows.Count - 1));

    public bool HandleKey(char key)
    {
        if (_message is not { } m) return false;
        switch (key)
        {
            case 'a':
                if (SelectedNode is not { } node) { _notice = "select a line of the MIME tree first"; return true; }
                (_notice, var path) = AttachmentSaver.Save(m, node, SaveDirectory);
                LastSavedPath = path ?? LastSavedPath;
                return true;
            case 'w':
                _notice = MessageSaver.Save(m, _raw, SaveDirectory);
                return true;
            default: return false;
        }
    }

    private void Build(MimeMessage? parsed)
    {
        var m = _message!;
        var s = m.Summary;
        _rows = new List<string>
        {
            $"From: {Cell.Safe(s.FromName is { } n ? $"{n} <{s.From}>" : s.From ?? m.MailFrom ?? "?")}",
            $"To: {Cell.Safe(string.Join(", ", s.To.Count > 0 ? s.To : m.RcptTo))}",
        };
        if (s.Cc.Count > 0) _rows.Add($"Cc: {Cell.Safe(string.Join(", ", s.Cc))}");
        _rows.Add($"Subject: {Cell.Safe(s.Subject ?? "(no subject)")}");
        _rows.Add($"Date: {s.Date?.ToString("u") ?? "?"}   Message-ID: {Cell.Safe(s.MessageId ?? "?")}");
        _rows.Add("");
        _rows.Add(_raw is null ? "Attachments (the message was too large to keep; `mailsniffer export` saves it):" : "MIME structure:");
        _nodeAtRow.Clear();
        foreach (var node in _nodes)
        {
            _nodeAtRow[_rows.Count] = node;
            _rows.Add("  " + node.Line);
        }
        if (_nodes.Count == 0) _rows.Add("  (no parts)");
        _rows.Add("");
        _rows.Add("Text:");
        string body = parsed?.TextBody ?? s.Preview ?? "(no text)";
        var lines = body.Split('\n');
        foreach (var line in lines.Take(MaxBodyLines)) _rows.Add("  " + Cell.Safe(line.TrimEnd('\r')));
        if (lines.Length > MaxBodyLines) _rows.Add($"  … {lines.Length - MaxBodyLines} more lines");
    }
}
