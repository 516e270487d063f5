using System.Globalization;
using MailSniffer.Tui.Data;
using MailSniffer.Tui.Filtering;
using MailSniffer.Tui.Packets;

namespace MailSniffer.Tui.ViewModels;

/// <summary>
/// The packets of the conversation selected in view 1: number, time since its first packet, direction, flags,
/// relative seq/ack, length and a one-line summary. Enter opens the selected packet's dissection tree (PacketDotNet)
/// and hex dump; Enter or Esc goes back; '[' and ']' step through packets in both modes. Packets are read off the UI
/// thread (a file is read again for the frames of that conversation only) and <see cref="Loaded"/> says when they are in.
/// </summary>
public sealed class PacketsViewModel : IListViewModel
{
    private readonly ConversationsViewModel _conversations;
    private CaptureSnapshot _snapshot = CaptureSnapshot.Empty;
    private ConversationRow? _conversation;
    private PacketLoad? _load;
    private Task<PacketLoad>? _loading;
    private long _loadingFor = -1;
    private long _fetchStarted;
    private CancellationTokenSource? _cancel;
    private List<string> _rows = new();
    private int _packet;
    private int _scroll;
    private (long Number, IReadOnlyList<DissectionLine> Lines)? _dissection;

    public PacketsViewModel(ConversationsViewModel conversations) => _conversations = conversations;

    /// <summary>Where frames are remembered; null when the capture was opened without one (then the view says so).</summary>
    public IPacketStore? Store { get; set; }

    /// <summary>Raised on a worker thread when a conversation's packets have been read; the UI should refresh.</summary>
    public event Action? Loaded;

    public bool Dissecting { get; private set; }
    public string Title => "Packets";
    public string KeysHelp => "Enter  dissection tree + hex dump of the packet (Enter/Esc back)   [ ]  previous/next packet";
    public IReadOnlyList<string> Rows => _rows;
    public int Selected => Dissecting ? _scroll : _packet;
    /// <summary>The packets of the conversation on screen (none while another conversation's are still shown).</summary>
    public IReadOnlyList<PacketRow> PacketRows => _load is { } l && l.ConversationId == _conversation?.Id ? l.Rows : Array.Empty<PacketRow>();
    public PacketRow? SelectedPacket => _packet < PacketRows.Count ? PacketRows[_packet] : null;
    public bool Loading => _loading is { IsCompleted: false };

    public string Header => Dissecting && SelectedPacket is { } p
        ? $"Frame {p.Frame.Number} ({_packet + 1}/{PacketRows.Count} of #{_conversation?.Id})  Enter/Esc back  [ ] previous/next"
        : $"   {"no.",-6} {"time",9} {"flags",-11} {"seq",8} {"ack",8} {"len",5}  summary";

    public string Detail => _conversation is not { } c ? ""
        : Dissecting ? DissectingDetail(c)
        : ListDetail(c);

    public void Update(CaptureSnapshot snapshot, RowFilter filter)
    {
        _snapshot = snapshot;
        // View 1 is only rebuilt while shown: if it had nothing yet when 7 was pressed, let it catch up.
        if (_conversations.SelectedItem is null && snapshot.Conversations.Count > 0) _conversations.Update(snapshot, filter);
        var selectedId = _conversations.SelectedItem?.Id;
        _conversation = selectedId is { } id ? snapshot.Conversations.FirstOrDefault(c => c.Id == id) : null;
        if (_loading is { IsCompleted: true } done && done.Result.ConversationId == _loadingFor)
        {
            var previous = _load;
            _load = done.Result;
            _loading = null;
            if (previous?.ConversationId != _load.ConversationId) { _packet = 0; _scroll = 0; Dissecting = false; _dissection = null; }
        }
        if (_conversation is { } conv && Store != null && (Loading ? _loadingFor != conv.Id : NeedsFetch(conv))) StartFetch(conv);
        Rebuild();
    }

    /// <summary>Blocks until the packets being read are in (tests); then call <see cref="Update"/>.</summary>
    public bool WaitLoaded(TimeSpan timeout) => _loading?.Wait(timeout) ?? true;

    public void Select(int index)
    {
        if (Dissecting) { _scroll = Math.Clamp(index, 0, Math.Max(0, _rows.Count - 1)); return; }
        _packet = Math.Clamp(index, 0, Math.Max(0, PacketRows.Count - 1));
    }

    public bool HandleKey(char key)
    {
        switch (key)
        {
            case '[': Step(-1); return true;
            case ']': Step(+1); return true;
            default: return false;
        }
    }

    /// <summary>Enter: open the selected packet's dissection, or go back to the list.</summary>
    public void ToggleDissection()
    {
        if (!Dissecting && SelectedPacket is null) return;
        Dissecting = !Dissecting;
        _scroll = 0;
        Rebuild();
    }

    /// <summary>Esc: back to the list.</summary>
    public void CloseDissection()
    {
        if (!Dissecting) return;
        Dissecting = false;
        Rebuild();
    }

    /// <summary>The dissection tree of the selected packet, computed once per packet.</summary>
    public IReadOnlyList<DissectionLine> Dissection
    {
        get
        {
            if (SelectedPacket is not { } p) return Array.Empty<DissectionLine>();
            if (_dissection is not { } d || d.Number != p.Frame.Number) _dissection = d = (p.Frame.Number, PacketDissector.Dissect(p.Frame));
            return d.Lines;
        }
    }

    public IReadOnlyList<string> HexLines => SelectedPacket is { } p ? HexDump.Lines(p.Frame.Data) : Array.Empty<string>();

    private void Step(int delta)
    {
        _packet = Math.Clamp(_packet + delta, 0, Math.Max(0, PacketRows.Count - 1));
        _scroll = 0;
        Rebuild();
    }

    /// <summary>A conversation still growing is read again at most once a second: live traffic must not keep the UI busy.</summary>
    public static readonly TimeSpan RefetchInterval = TimeSpan.FromSeconds(1);

    private bool NeedsFetch(ConversationRow conv) =>
        _load is not { } l || l.ConversationId != conv.Id
        || (l.PacketsAtFetch != conv.Packets && l.Error is null && Environment.TickCount64 - _fetchStarted >= RefetchInterval.TotalMilliseconds);

    private void StartFetch(ConversationRow conv)
    {
        var store = Store!;
        var endpoints = ConversationEndpoints.Of(conv);
        long from = (conv.Start.Ticks - DateTime.UnixEpoch.Ticks) * 100;
        long until = NextStartOfSameConnection(conv);
        _cancel?.Cancel();
        var cancel = _cancel = new CancellationTokenSource();
        _loadingFor = conv.Id;
        _fetchStarted = Environment.TickCount64;
        long id = conv.Id, packets = conv.Packets;
        string protocol = conv.Protocol;
        _loading = Task.Run(() =>
        {
            try
            {
                if (endpoints is null) return new PacketLoad(id, packets, Array.Empty<PacketRow>(), 0, "the conversation's endpoints could not be read");
                var listing = store.Fetch(endpoints.Key, from, until, cancel.Token);
                return new PacketLoad(id, packets, PacketRowBuilder.Build(listing.Frames, endpoints, protocol), listing.NotListed, listing.Error);
            }
            catch (OperationCanceledException) { return new PacketLoad(-1, 0, Array.Empty<PacketRow>(), 0, "cancelled"); }
            catch (Exception e) { return new PacketLoad(id, packets, Array.Empty<PacketRow>(), 0, "could not read the packets: " + e.Message); }
        });
        // Raised once the task is complete, so a refresh it triggers finds the result.
        _loading.ContinueWith(_ => Loaded?.Invoke(), TaskScheduler.Default);
    }

    /// <summary>The same addresses and ports can carry a later connection (port reuse): its start ends this one's packets.</summary>
    private long NextStartOfSameConnection(ConversationRow conv)
    {
        var later = _snapshot.Conversations
            .Where(c => c.Id != conv.Id && c.IsTcp == conv.IsTcp && c.Start > conv.Start
                && ((c.Client == conv.Client && c.Server == conv.Server) || (c.Client == conv.Server && c.Server == conv.Client)))
            .Select(c => (DateTime?)c.Start).Min();
        return later is { } t ? (t.Ticks - DateTime.UnixEpoch.Ticks) * 100 : long.MaxValue;
    }

    private void Rebuild()
    {
        _rows = new List<string>();
        if (Store is null) { _rows.Add("(packets are not recorded for this capture)"); return; }
        if (_conversation is null) { _rows.Add("(select a conversation in view 1, then press 7)"); return; }
        if (_load is null || _load.ConversationId != _conversation.Id)
        {
            _rows.Add($"(reading the packets of conversation #{_conversation.Id}…)");
            return;
        }
        if (Dissecting && SelectedPacket != null)
        {
            _rows.AddRange(Dissection.Select(l => Cell.Safe(l.ToString())));
            _rows.Add("");
            _rows.AddRange(HexLines);
            _scroll = Math.Clamp(_scroll, 0, Math.Max(0, _rows.Count - 1));
            return;
        }
        Dissecting = false;
        foreach (var p in _load.Rows) _rows.Add(RowOf(p));
        if (_load.Error != null) _rows.Add($"({Cell.Safe(_load.Error)})");
        if (_load.NotListed > 0)
            _rows.Add(string.Create(CultureInfo.InvariantCulture,
                $"… {_load.NotListed} more packets not listed (kept: the first {FilePacketIndex.MaxPerConnection:N0} per conversation; live: the latest {LivePacketRing.MaxPerConnection:N0})"));
        if (_load.Rows.Count == 0 && _load.Error is null) _rows.Add("(no packets recorded for this conversation)");
        _packet = Math.Clamp(_packet, 0, Math.Max(0, _load.Rows.Count - 1));
    }

    public static string RowOf(PacketRow p) =>
        $"{p.Direction} {p.Frame.Number,-6} {p.Seconds,9:0.000000} {Cell.Fit(p.Flags, 11)} {p.Seq?.ToString() ?? "",8} {p.Ack?.ToString() ?? "",8} {p.Length,5}  {Cell.Safe(p.Summary)}";

    private string ListDetail(ConversationRow c)
    {
        string count = _load?.ConversationId == c.Id ? $"{PacketRows.Count} packets listed{(Loading ? "  (reading more…)" : "")}" : "reading its packets…";
        var lines = new List<string> { $"#{c.Id} {Cell.Safe(c.Protocol)} {Cell.Safe(c.Client)} -> {Cell.Safe(c.Server)}  {count}" };
        if (SelectedPacket != null)
        {
            // The innermost layers say most (the link layer of loopback captures is all zeros); the pane has room for three.
            lines.AddRange(Dissection.Where(l => l.Depth == 0).Skip(1).TakeLast(3).Select(l => Cell.Safe(l.Text)));
            lines.Add("Enter: dissection tree and hex dump of this packet");
        }
        return string.Join('\n', lines);
    }

    private string DissectingDetail(ConversationRow c) =>
        SelectedPacket is { } p ? $"{RowOf(p)}\n#{c.Id} {Cell.Safe(c.Client)} -> {Cell.Safe(c.Server)}  Up/Down scroll" : "";
}
