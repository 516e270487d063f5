using MailSniffer.Analysis.Messages;
using MailSniffer.Analysis.Pipeline;
using MailSniffer.Core.Flows;
using MailSniffer.Decoders;
using MailSniffer.Decoders.Events;

namespace MailSniffer.Analysis.Model;

/// <summary>
/// Everything after the decoders: turns the event stream into conversations, message summaries, credentials and DNS
/// look-ups, tells observers (streaming views) as it goes, and keeps what <see cref="RetentionPolicy"/> allows for the
/// end-of-capture views. Usage: FlowStarted / Emit / FlowEnded in capture order, then Complete once.
/// Single-threaded, like the pipeline that feeds it. Emitted <see cref="MessageEvent"/> contents become the model's
/// and are disposed once observers have seen them (see <see cref="AnalysisOptions.DisposeMessageContent"/>).
/// </summary>
/// <example>
/// <code>
/// // read (text): keep what the report needs, print at the end
/// var model = new CaptureModel();
/// /* pipeline: model.FlowStarted(f); model.Emit(e); model.FlowEnded(f); */
/// model.Complete();
/// new TextReport(model).Write(Console.Out);
///
/// // read --json: stream, keep nothing
/// using var json = new JsonLinesWriter(Console.OpenStandardOutput());
/// var model = new CaptureModel(AnalysisOptions.ForStreaming(), json);
///
/// // export --out DIR
/// using var export = new MessageExporter(dir);
/// var model = new CaptureModel(AnalysisOptions.ForStreaming(), export);
///
/// // creds [--hashcat]
/// var model = new CaptureModel(AnalysisOptions.ForCredentials());
/// /* ... */ model.Complete();
/// var table = new CredentialTable(model);
/// if (hashcat) table.WriteHashcat(Console.Out); else table.Write(Console.Out);
/// </code>
/// </example>
public sealed class CaptureModel : IModelInput
{
    private readonly AnalysisOptions _options;
    private readonly RetentionPolicy _retention;
    private readonly MessageSummarizer _summarizer;
    private readonly List<ICaptureObserver> _observers = new();
    private readonly Dictionary<long, Conversation> _open = new();
    private readonly List<Conversation> _ended = new();
    private readonly List<MessageRecord> _messages = new();
    private readonly List<Credential> _credentials = new();
    private readonly List<DnsLookup> _dnsLookups = new();
    private readonly List<AnomalyEvent> _anomalies = new();
    private readonly DnsLookupTracker _dns;
    private long _messageIndex;

    public CaptureModel(AnalysisOptions? options = null, params ICaptureObserver[] observers)
    {
        _options = options ?? new AnalysisOptions();
        _retention = _options.Retention;
        _summarizer = new MessageSummarizer(_options, new SummaryCache());
        _dns = new DnsLookupTracker(_options.MaxPendingDnsLookups, LookupClosed);
        _observers.AddRange(observers);
    }

    public AnalysisOptions Options => _options;

    /// <summary>Where summaries computed ahead on another thread come from (set by the two-stage pipeline).</summary>
    public IPrecomputedSummaries? PrecomputedSummaries { get; set; }

    /// <summary>Summaries by content, shared with whoever summarises ahead for this model.</summary>
    internal SummaryCache? SummaryCache => _summarizer.Cache;
    public ModelTotals Totals { get; } = new();
    public bool IsComplete { get; private set; }

    /// <summary>Retained conversations, open and ended, by flow id.</summary>
    public IReadOnlyList<Conversation> Conversations => _ended.Concat(_open.Values).OrderBy(c => c.Id).ToList();
    public IReadOnlyList<MessageRecord> Messages => _messages;
    public IReadOnlyList<Credential> Credentials => _credentials;
    public IReadOnlyList<DnsLookup> DnsLookups => _dnsLookups;
    public IReadOnlyList<AnomalyEvent> Anomalies => _anomalies;

    internal DnsLookupTracker DnsTracker => _dns;

    public void AddObserver(ICaptureObserver observer) => _observers.Add(observer);

    public void FlowStarted(FlowInfo flow)
    {
        if (_open.TryGetValue(flow.Id, out var known)) { known.Flow = flow; return; }
        var conversation = Open(flow.Id, flow);
        foreach (var o in _observers) o.FlowStarted(conversation);
    }

    public void Emit(MailEvent e)
    {
        Totals.Events++;
        var c = Find(e.Flow);
        if (c.Protocol == "unknown" && ProtocolInference.FromEvent(e) is { } inferred) c.Protocol = inferred;
        if (TranscriptFormatter.ToLine(e) is { } line) c.AddTranscript(line);
        switch (e)
        {
            case MessageEvent m:
                OnMessage(m, c);
                return;
            case CredentialEvent cred:
                OnCredential(cred, c);
                return;
            case ProtocolDetectedEvent p:
                if (p.Protocol != "unknown" || c.Protocol == "unknown") { c.Protocol = p.Protocol; c.ProtocolEvidence = p.Evidence; }
                if (p.Protocol == "tls") MarkEncrypted(c, "implicit", p.Ts);
                break;
            case TlsEvent t:
                MarkEncrypted(c, t.Kind, t.Ts);
                break;
            case SmtpCommandEvent or Pop3CommandEvent or ImapCommandEvent:
                c.Commands++;
                break;
            case SmtpReplyEvent or Pop3ReplyEvent or ImapResponseEvent:
                c.Replies++;
                break;
            case DnsQueryEvent q:
                c.DnsQueries++;
                _dns.Query(q, c);
                break;
            case DnsAnswerEvent a:
                _dns.Answer(a, c);
                break;
            case AnomalyEvent a:
                c.Anomalies++;
                Totals.Anomalies++;
                Retain(_anomalies, a, _retention.MaxAnomalies);
                break;
        }
        foreach (var o in _observers) o.EventSeen(e, c);
    }

    public void FlowEnded(FlowInfo flow)
    {
        var c = Find(flow.Id);
        c.Flow = flow;
        Close(c);
    }

    /// <summary>
    /// Live capture: reports the look-ups that already have their answer now, instead of when their flow ends (a UDP
    /// flow ends only after a minute without packets, so a quiet live capture would never show them). Call between
    /// packets, on the thread that feeds the model. A late duplicate answer then opens a look-up of its own.
    /// </summary>
    public void CloseAnsweredDnsLookups() => _dns.CloseAnswered();

    /// <summary>The capture is over: flows still open end here (capture_end). Safe to call twice.</summary>
    public void Complete()
    {
        if (IsComplete) return;
        foreach (var c in _open.Values.OrderBy(c => c.Id).ToList()) Close(c);
        _dns.CloseAll();
        IsComplete = true;
        foreach (var o in _observers) o.Completed();
    }

    private Conversation Open(long id, FlowInfo? flow)
    {
        Totals.Flows++;
        var c = new Conversation(id, flow, _retention.TranscriptLinesPerConversation);
        _open[id] = c;
        return c;
    }

    private Conversation Find(long id) => _open.TryGetValue(id, out var c) ? c : Open(id, null);

    private void Close(Conversation c)
    {
        foreach (var cred in c.PendingCredentials.Values.OrderBy(x => x.Ts).ToList()) Report(cred);
        c.PendingCredentials.Clear();
        _dns.FlowEnded(c.Id);
        c.Ended = true;
        _open.Remove(c.Id);
        Retain(_ended, c, _retention.MaxConversations);
        foreach (var o in _observers) o.FlowEnded(c);
    }

    private void MarkEncrypted(Conversation c, string kind, Core.Capture.CaptureTime ts)
    {
        if (c.Encrypted) return;
        c.Encrypted = true;
        c.TlsKind = kind;
        c.TlsTs = ts;
        Totals.EncryptedFlows++;
    }

    private void OnMessage(MessageEvent m, Conversation c)
    {
        try
        {
            var record = Summarize(m, c);
            c.Messages++;
            if (m.User != null) c.User ??= m.User;
            Totals.Messages++;
            Totals.MessageBytes += record.Size;
            if (!m.Complete) Totals.IncompleteMessages++;
            if (record.Summary.ParseError != null) Totals.MessageParseErrors++;
            Retain(_messages, record, _retention.MaxMessages);
            foreach (var o in _observers) o.MessageSeen(record, m.Content);
        }
        finally
        {
            if (_options.DisposeMessageContent) m.Content.Dispose();
        }
    }

    private MessageRecord Summarize(MessageEvent m, Conversation c)
    {
        var summary = PrecomputedSummaries?.Take(m) ?? _summarizer.Summarize(m.Content);
        return new MessageRecord
        {
            Index = ++_messageIndex,
            Flow = m.Flow,
            Ts = m.Ts,
            StartTs = m.StartTs,
            Protocol = m.Protocol,
            Source = m.Source,
            Direction = m.Direction,
            Mailbox = m.Mailbox,
            MailFrom = m.MailFrom,
            RcptTo = m.RcptTo ?? Array.Empty<string>(),
            User = m.User,
            Uid = m.Uid,
            SequenceNumber = m.SequenceNumber,
            Complete = m.Complete,
            Partial = m.Partial,
            Size = m.Content.Length,
            Sha256 = m.Content.Sha256Hex,
            Summary = summary,
            Server = c.Flow?.Server.ToString(),
            Client = c.Flow?.Client.ToString(),
        };
    }

    private void OnCredential(CredentialEvent e, Conversation c)
    {
        if (e.Accepted == true || c.User == null) c.User = e.Username;
        var key = new CredentialKey(e.Flow, e.Mechanism, e.Username, e.Password, e.Hash);
        if (c.PendingCredentials.TryGetValue(key, out var seen))
        {
            c.PendingCredentials[key] = seen with { Accepted = e.Accepted ?? seen.Accepted, Occurrences = seen.Occurrences + 1 };
            return;
        }
        c.Credentials++;
        var credential = new Credential(e.Flow, e.Ts, e.Protocol, e.Mechanism, e.Username, e.Password, e.Hash, e.Accepted,
            c.Flow?.Server.ToString(), c.Flow?.Client.ToString());
        if (c.PendingCredentials.Count < _options.MaxPendingCredentialsPerFlow) c.PendingCredentials[key] = credential;
        else Report(credential);
    }

    private void Report(Credential credential)
    {
        Totals.Credentials++;
        Retain(_credentials, credential, _retention.MaxCredentials);
        foreach (var o in _observers) o.CredentialSeen(credential);
    }

    private void LookupClosed(DnsLookup lookup)
    {
        Totals.DnsLookups++;
        Retain(_dnsLookups, lookup, _retention.MaxDnsLookups);
        foreach (var o in _observers) o.DnsLookupCompleted(lookup);
    }

    private void Retain<T>(List<T> list, T item, int max)
    {
        if (list.Count < max) list.Add(item);
        else Totals.NotRetained++;
    }
}
