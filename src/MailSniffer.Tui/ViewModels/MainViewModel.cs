using MailSniffer.Tui.Data;
using MailSniffer.Tui.Filtering;

namespace MailSniffer.Tui.ViewModels;

/// <summary>
/// The whole screen as text, and every key's effect, without a terminal: the Terminal.Gui layer only draws these
/// strings and forwards keys. Keys: 1-7 or Tab switch views, arrows/PgUp/PgDn/Home/End move, Enter opens a
/// conversation's transcript, '/' edits the filter (Enter applies, Esc cancels), '?' help, 'p' pause, 'q' quit.
/// </summary>
public sealed class MainViewModel
{
    public const int Page = 10;
    private readonly IListViewModel[] _views;
    private CaptureSnapshot _snapshot = CaptureSnapshot.Empty;
    private RowFilter _filter = RowFilter.None;
    private string? _editing;

    public MainViewModel()
    {
        Packets = new PacketsViewModel(Conversations);
        _views = new IListViewModel[] { Conversations, Transcript, Messages, Credentials, Timeline, Dns, Packets };
    }

    public ConversationsViewModel Conversations { get; } = new();
    public TranscriptViewModel Transcript { get; } = new();
    public MessagesViewModel Messages { get; } = new();
    public CredentialsViewModel Credentials { get; } = new();
    public TimelineViewModel Timeline { get; } = new();
    public DnsViewModel Dns { get; } = new();
    public PacketsViewModel Packets { get; }
    /// <summary>A message opened from the Messages view with Enter (not a tab of its own).</summary>
    public MessageDetailViewModel MessageDetail { get; } = new();

    public IListViewModel Current { get; private set; } = null!;
    public bool ShowingHelp { get; private set; }
    public bool QuitRequested { get; private set; }
    /// <summary>Set by 'p'; the host pauses or resumes the loader and clears it.</summary>
    public bool PauseToggled { get; set; }
    public string FilterText => _filter.Text;
    public bool EditingFilter => _editing != null;

    public string Tabs => TabLine.Of(_views, CurrentOrFirst == MessageDetail ? Messages : CurrentOrFirst);

    public string Status => _editing != null ? $"/{Cell.Safe(_editing)}_   (proto: host: user: addr: or text; Enter applies, Esc cancels)"
        : StatusLine.For(_snapshot.Progress, _filter.Text);

    public IReadOnlyList<string> Rows => ShowingHelp ? HelpLines() : CurrentOrFirst.Rows;
    public string Header => ShowingHelp ? "Keys (any key closes)" : CurrentOrFirst.Header;
    public string Detail => ShowingHelp ? "" : CurrentOrFirst.Detail;
    public int Selected => ShowingHelp ? 0 : CurrentOrFirst.Selected;

    private IListViewModel CurrentOrFirst => Current ?? _views[0];

    /// <summary>Only the view on screen is rebuilt; the others catch up when shown (large captures refresh often).</summary>
    public void Update(CaptureSnapshot snapshot)
    {
        _snapshot = snapshot;
        Current ??= _views[0];
        Current.Update(snapshot, _filter);
    }

    public void Show(int index)
    {
        Current = _views[Math.Clamp(index, 0, _views.Length - 1)];
        Current.Update(_snapshot, _filter);
    }

    /// <summary>A named key (Up, Down, PageUp, PageDown, Home, End, Enter, Esc, Tab, Backspace) or one typed character.</summary>
    public void HandleKey(string key)
    {
        Current ??= _views[0];
        if (_editing != null) { EditFilter(key); return; }
        if (ShowingHelp) { ShowingHelp = false; return; }
        switch (key)
        {
            case "q": QuitRequested = true; return;
            case "?": ShowingHelp = true; return;
            case "/": _editing = _filter.Text; return;
            case "p": PauseToggled = true; return;
            case "Tab": Show((Array.IndexOf(_views, Current) + 1) % _views.Length); return;
            case "Up": Current.Select(Current.Selected - 1); return;
            case "Down": Current.Select(Current.Selected + 1); return;
            case "PageUp": Current.Select(Current.Selected - Page); return;
            case "PageDown": Current.Select(Current.Selected + Page); return;
            case "Home": Current.Select(0); return;
            case "End": Current.Select(int.MaxValue); return;
            case "Enter" when Current == Conversations && Conversations.SelectedItem is { } c:
                Transcript.ConversationId = c.Id;
                Transcript.Select(0);
                Transcript.Update(_snapshot, _filter);
                Current = Transcript;
                return;
            case "Enter" when Current == Packets: Packets.ToggleDissection(); return;
            case "Esc" when Current == Packets: Packets.CloseDissection(); return;
            case "Enter" when Current == Messages && Messages.SelectedItem is { } m:
                MessageDetail.SaveDirectory = Messages.SaveDirectory;
                MessageDetail.Open(m, _snapshot.BytesOf(m.Index));
                Current = MessageDetail;
                return;
            case "Enter" or "Esc" when Current == MessageDetail: Show(Array.IndexOf(_views, Messages)); return;
        }
        if (key.Length == 1 && key[0] >= '1' && key[0] < '1' + _views.Length) { Show(key[0] - '1'); return; }
        if (key.Length == 1) Current.HandleKey(key[0]);
    }

    private void EditFilter(string key)
    {
        switch (key)
        {
            case "Esc": _editing = null; return;
            case "Enter":
                _filter = RowFilter.Parse(_editing);
                _editing = null;
                Current!.Update(_snapshot, _filter);
                return;
            case "Backspace": if (_editing!.Length > 0) _editing = _editing[..^1]; return;
        }
        if (key.Length == 1 && !char.IsControl(key[0]) && _editing!.Length < 200) _editing += key;
    }

    /// <summary>Keys of something running beside the views (the demo in `demo --tui`), listed in the help.</summary>
    public IReadOnlyList<string> CompanionKeysHelp { get; set; } = Array.Empty<string>();

    private List<string> HelpLines()
    {
        var lines = new List<string>
        {
            "1-7, Tab      switch view: Conversations, Transcript, Messages, Credentials, Timeline, DNS, Packets",
            "Up/Down, PgUp/PgDn, Home/End   move the selection (mouse: click, wheel)",
            "Enter         open: a conversation's transcript, a message (MIME tree), a packet (dissection)",
            "Esc           back from an opened message or packet",
            "a             in an opened message: save the selected attachment (MIME part) in the current directory",
            "/             filter every view: proto:smtp host:10.0.0.5 user:bob addr:alice@x.org words",
            "p             pause / resume reading",
            "?             this help",
            "q             quit",
        };
        lines.AddRange(CompanionKeysHelp);
        lines.Add("");
        foreach (var v in _views.Where(v => v.KeysHelp.Length > 0)) lines.Add($"{v.Title}: {v.KeysHelp}");
        lines.Add("");
        lines.Add("Conversations marked '!' carried mail or secrets in clear text. Text from the wire is shown with");
        lines.Add("control characters made visible (\\e, \\r, \\x00): nothing captured can drive your terminal.");
        return lines;
    }
}
