using MailSniffer.Core.Flows;
using MailSniffer.Tui.Data;
using MailSniffer.Tui.Filtering;

namespace MailSniffer.Tui.ViewModels;

/// <summary>
/// Follow-stream view of one conversation: "C>" client turns, "S<" server turns, "--" the analyzer's notes. Long lines
/// are folded unless unfolded with 'f'; student mode ('s') puts a plain-words note under each command and reply.
/// </summary>
public sealed class TranscriptViewModel : IListViewModel
{
    public const int FoldAt = 160;
    private ConversationRow? _conversation;
    private List<string> _rows = new();
    private List<string?> _notes = new();

    public long? ConversationId { get; set; }
    public bool StudentMode { get; private set; }
    public bool Folded { get; private set; } = true;

    public string Title => "Transcript";
    public string Header => _conversation is { } c
        ? $"#{c.Id} {Cell.Safe(c.Protocol)} {Cell.Safe(c.Client)} -> {Cell.Safe(c.Server)} ({c.State}){(StudentMode ? "  [student mode]" : "")}"
        : "Select a conversation and press Enter.";
    public IReadOnlyList<string> Rows => _rows;
    public int Selected { get; private set; }
    public string KeysHelp => "s  student mode (explain each line)   f  fold/unfold long lines";

    public string Detail => Selected < _notes.Count && _notes[Selected] is { } note ? note
        : _conversation is { TranscriptOmitted: > 0 } c ? $"({c.TranscriptOmitted} further lines not kept{(c.TranscriptCutForMemory ? $"; the TUI keeps {SnapshotCollector.MaxTranscriptLinesKept:N0} transcript lines in all, `mailsniffer follow` shows every line" : "")})" : "";

    public void Update(CaptureSnapshot snapshot, RowFilter filter)
    {
        _conversation = snapshot.Conversations.FirstOrDefault(c => c.Id == ConversationId);
        Rebuild();
    }

    public void Select(int index) => Selected = Math.Clamp(index, 0, Math.Max(0, _rows.Count - 1));

    public bool HandleKey(char key)
    {
        switch (key)
        {
            case 's': StudentMode = !StudentMode; break;
            case 'f': Folded = !Folded; break;
            default: return false;
        }
        Rebuild();
        return true;
    }

    private void Rebuild()
    {
        _rows = new List<string>();
        _notes = new List<string?>();
        if (_conversation is not { } c) { Select(Selected); return; }
        foreach (var line in c.Transcript)
        {
            bool fromClient = line.Direction == Direction.ClientToServer;
            string prefix = line.Direction switch { Direction.ClientToServer => "C> ", Direction.ServerToClient => "S< ", _ => "-- " };
            string text = Cell.Safe(line.Text);
            if (Folded && text.Length > FoldAt) text = $"{text[..FoldAt]}… (+{text.Length - FoldAt} chars, f unfolds)";
            string? note = line.Direction is null ? null : StudentNotes.Explain(c.Protocol, fromClient, line.Text);
            _rows.Add(prefix + text);
            _notes.Add(note);
            if (StudentMode && note != null)
            {
                _rows.Add("     ^ " + note);
                _notes.Add(note);
            }
        }
        Select(Selected);
    }
}
