using MailSniffer.Analysis.Model;
using MailSniffer.Analysis.Timeline;
using MailSniffer.Core.Flows;
using MailSniffer.Decoders.Events;
using MailSniffer.Decoders.Messages;

namespace MailSniffer.Tui.Data;

/// <summary>
/// Observer on the capture thread that copies what the model reports into its own lists under a lock; the UI thread
/// takes <see cref="Take"/> snapshots. Model objects that keep changing (conversations) are copied, never shared.
/// Bounded: beyond the limits rows are counted, not kept, so a 1 GB capture cannot exhaust memory through the UI.
/// </summary>
public sealed class SnapshotCollector : ICaptureObserver
{
    private readonly object _gate = new();
    private readonly Dictionary<long, Conversation> _live = new();
    // Ended since the last snapshot: the engine still counts the connection's last ACK after reporting its end, so
    // each gets one more refresh when the next snapshot is taken (otherwise the row shows one packet too few).
    private readonly List<Conversation> _ended = new();
    private readonly Dictionary<long, List<TranscriptLine>> _transcripts = new();
    private readonly Dictionary<long, ConversationRow> _rows = new();
    private readonly List<MessageRecord> _messages = new();
    private readonly List<Credential> _credentials = new();
    private readonly List<DnsLookup> _dns = new();
    private readonly LiveJourneys _journeys = new();
    private readonly int _maxRows;
    private readonly Dictionary<long, byte[]> _bodies = new();
    private long _bodyBytes;

    /// <summary>Messages up to this size are kept for saving as .eml...</summary>
    public const int MaxKeptMessageBytes = 1024 * 1024;
    /// <summary>...until they add up to this much; later ones can be exported with `mailsniffer export`.</summary>
    public const long MaxKeptBodyBytes = 64L * 1024 * 1024;

    /// <summary>Transcript lines kept for all conversations together (about 50 MB); the model keeps 500 per conversation.</summary>
    public const long MaxTranscriptLinesKept = 250_000;
    private readonly long _maxTranscriptLines;
    private long _transcriptLinesKept;

    public SnapshotCollector(int maxRows = 200_000, long maxTranscriptLines = MaxTranscriptLinesKept)
    {
        _maxRows = maxRows;
        _maxTranscriptLines = maxTranscriptLines;
    }

    public long Dropped { get; private set; }

    public long FlowCount { get { lock (_gate) return _rows.Count; } }
    public long MessageCount { get { lock (_gate) return _messages.Count; } }

    /// <summary>Feed this to the model too; it is rebuilt while reading (see <see cref="LiveJourneys"/>) and at the end.</summary>
    public LiveJourneys Journeys => _journeys;

    public void FlowStarted(Conversation conversation)
    {
        lock (_gate)
        {
            if (_rows.Count >= _maxRows) { Dropped++; return; }
            _live[conversation.Id] = conversation;
            _transcripts[conversation.Id] = new List<TranscriptLine>();
            Refresh(conversation);
        }
    }

    public void EventSeen(MailEvent e, Conversation conversation) => Sync(conversation.Id);

    public void MessageSeen(MessageRecord message, MessageContent content)
    {
        // The content is only valid during this call: copy it now if it is to be saved later.
        byte[]? body = content.Length <= MaxKeptMessageBytes && Interlocked.Read(ref _bodyBytes) + content.Length <= MaxKeptBodyBytes
            ? content.ToArray() : null;
        lock (_gate)
        {
            if (_messages.Count < _maxRows) _messages.Add(message); else Dropped++;
            if (body != null) { _bodies[message.Index] = body; _bodyBytes += body.Length; }
        }
        Sync(message.Flow);
    }

    public void CredentialSeen(Credential credential)
    {
        lock (_gate) { if (_credentials.Count < _maxRows) _credentials.Add(credential); else Dropped++; }
        Sync(credential.Flow);
    }

    public void DnsLookupCompleted(DnsLookup lookup)
    {
        lock (_gate) { if (_dns.Count < _maxRows) _dns.Add(lookup); else Dropped++; }
    }

    public void FlowEnded(Conversation conversation)
    {
        Sync(conversation.Id);
        lock (_gate)
            if (_live.Remove(conversation.Id, out var c)) _ended.Add(c);
    }

    public CaptureSnapshot Take(CaptureProgress progress)
    {
        lock (_gate)
        {
            foreach (var c in _ended) Refresh(c);
            _ended.Clear();
            return new CaptureSnapshot(_rows.Values.OrderBy(r => r.Id).ToList(), _messages.ToList(), _credentials.ToList(),
                _dns.ToList(), _journeys.Current, progress, BodyOf);
        }
    }

    private byte[]? BodyOf(long index)
    {
        lock (_gate) return _bodies.TryGetValue(index, out var b) ? b : null;
    }

    private void Sync(long flow)
    {
        lock (_gate)
            if (_live.TryGetValue(flow, out var c)) Refresh(c);
    }

    private void Refresh(Conversation c)
    {
        var lines = _transcripts[c.Id];
        for (int i = lines.Count; i < c.Transcript.Count && _transcriptLinesKept < _maxTranscriptLines; i++)
        {
            lines.Add(c.Transcript[i]);
            _transcriptLinesKept++;
        }
        // Lines beyond the budget are counted, not kept: a long live capture must not grow without bound.
        long cut = c.Transcript.Count - lines.Count;
        var f = c.Flow;
        // Transcripts are bounded by the retention policy; copy only when they grew.
        IReadOnlyList<TranscriptLine> transcript = _rows.TryGetValue(c.Id, out var old) && old.Transcript.Count == lines.Count
            ? old.Transcript : lines.ToArray();
        _rows[c.Id] = new ConversationRow(c.Id, c.Protocol, c.ClientText, c.ServerText, c.User, c.Encrypted, c.TlsKind, f?.Transport == Transport.Tcp,
            f?.HandshakeSeen ?? false, f?.Gaps ?? 0, f?.Packets ?? 0, (f?.BytesClientToServer ?? 0) + (f?.BytesServerToClient ?? 0),
            c.Messages, c.Credentials, f is null ? 0 : f.Start.UnixNanoseconds / 1e9, f?.Start.ToDateTime() ?? DateTime.UnixEpoch,
            c.Ended, transcript, c.TranscriptOmitted + cut, cut > 0);
    }
}
