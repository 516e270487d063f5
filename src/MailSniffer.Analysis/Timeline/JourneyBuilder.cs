using MailSniffer.Analysis.Exposure;
using MailSniffer.Analysis.Model;
using MailSniffer.Core.Flows;
using MailSniffer.Decoders.Events;
using MailSniffer.Decoders.Messages;

namespace MailSniffer.Analysis.Timeline;

/// <summary>
/// Joins what the model saw into one journey per message. Attach it to a <see cref="CaptureModel"/> as an observer
/// (it keeps its own bounded state, so it works with the streaming retention policy too), run the capture, call
/// <see cref="CaptureModel.Complete"/>, then <see cref="Build"/>:
/// <code>
/// var timeline = new JourneyBuilder();
/// var model = new CaptureModel(AnalysisOptions.ForStreaming(), timeline);
/// ... feed the model ...; model.Complete();
/// var journeys = timeline.Build();
/// </code>
/// </summary>
public sealed class JourneyBuilder : ICaptureObserver
{
    private readonly JourneyOptions _options;
    private readonly Dictionary<long, FlowFacts> _flows = new();
    private readonly List<MessageSighting> _sightings = new();
    private readonly List<DnsLookup> _dnsLookups = new();
    private readonly List<Credential> _credentials = new();
    private long _receivedChars;

    public JourneyBuilder(JourneyOptions? options = null) => _options = options ?? new JourneyOptions();

    public JourneyOptions Options => _options;

    /// <summary>Messages, flows, look-ups or credentials not kept because a bound was reached (the journeys are then incomplete).</summary>
    public long NotRetained { get; private set; }

    internal IReadOnlyDictionary<long, FlowFacts> Flows => _flows;
    internal IReadOnlyList<MessageSighting> Sightings => _sightings;
    internal IReadOnlyList<DnsLookup> DnsLookups => _dnsLookups;
    internal IReadOnlyList<Credential> Credentials => _credentials;

    /// <summary>Encrypted mail sessions that no journey could claim; filled by <see cref="Build"/>.</summary>
    public IReadOnlyList<EncryptedSession> UnlinkedEncryptedSessions { get; private set; } = Array.Empty<EncryptedSession>();

    public void FlowStarted(Conversation conversation) => Facts(conversation);

    public void EventSeen(MailEvent e, Conversation conversation)
    {
        var f = Facts(conversation);
        if (f == null) return;
        FlowFactsRecorder.Record(f, e);
    }

    public void MessageSeen(MessageRecord message, MessageContent content)
    {
        var f = Facts(message.Flow, null);
        if (f == null || _sightings.Count >= _options.MaxSightings)
        {
            NotRetained++;
            return;
        }
        MessageFingerprint fingerprint;
        try
        {
            using var stream = content.OpenRead();
            fingerprint = MessageFingerprinter.Compute(stream);
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or UnauthorizedAccessException or InvalidOperationException)
        {
            fingerprint = MessageFingerprint.None;
        }
        long chars = fingerprint.Received.Sum(r => (long)r.Raw.Length);
        if (_receivedChars + chars > _options.MaxReceivedChars)
        {
            fingerprint = fingerprint with { Received = Array.Empty<ReceivedHeader>() };
            NotRetained++;
        }
        else _receivedChars += chars;
        var sighting = new MessageSighting(message, fingerprint, f);
        _sightings.Add(sighting);
        f.Sightings++;
        if (message.Protocol == "smtp" && message.Direction == Direction.ClientToServer) f.AwaitingReply.Add(sighting);
        if (message.User != null) f.User ??= message.User;
    }

    public void CredentialSeen(Credential credential)
    {
        if (_credentials.Count < _options.MaxSightings) _credentials.Add(credential);
        else NotRetained++;
        var f = Facts(credential.Flow, null);
        if (f == null) return;
        if (f.Credentials.Count < FlowFacts.MaxCredentials) f.Credentials.Add(credential);
        if (credential.Accepted != false) f.User ??= credential.Username;
        f.AuthMechanism ??= credential.Mechanism;
    }

    public void DnsLookupCompleted(DnsLookup lookup)
    {
        if (_dnsLookups.Count < _options.MaxDnsLookups) _dnsLookups.Add(lookup);
        else NotRetained++;
    }

    public void FlowEnded(Conversation conversation)
    {
        var f = Facts(conversation);
        if (f == null) return;
        f.Ended = true;
        f.AwaitingReply.Clear();
        // A flow that carried no mail (a DNS query, a web connection) is not needed once it is over: look-ups are kept on their own.
        if (!f.Matters) _flows.Remove(f.Id);
    }

    /// <summary>The journeys, in order of their first step. Call after the model completed; may be called again.</summary>
    public IReadOnlyList<Journey> Build()
    {
        var notes = new List<string>();
        var groups = JourneyGrouper.Group(_sightings, notes);
        var hosts = HostDirectory.From(_flows.Values, _dnsLookups);
        var journeys = new List<Journey>();
        foreach (var group in groups) journeys.Add(JourneyStepFactory.Create(group));
        foreach (var note in notes)
            foreach (var j in journeys.Where(j => j.MessageId != null && note.Contains($"<{j.MessageId}>", StringComparison.Ordinal)))
                j.Notes.Add(note);

        var dns = new DnsIndex(_dnsLookups);
        var linker = new EncryptedHopLinker(_options);
        UnlinkedEncryptedSessions = linker.Link(journeys, _flows.Values);
        foreach (var j in journeys)
        {
            ClaimedHopMatcher.Apply(j);
            DnsStepLinker.Apply(j, dns, _options);
            hosts.Name(j);
            JourneyFinisher.Finish(j);
        }
        var ordered = journeys.OrderBy(j => j.Steps.Count == 0 ? long.MaxValue : j.Steps.Min(s => s.Ts.UnixNanoseconds)).ToList();
        for (int i = 0; i < ordered.Count; i++) ordered[i].Number = i + 1;
        foreach (var j in ordered) j.Exposure = JourneyExposureAnalyzer.Analyze(j, _flows);
        return ordered;
    }

    private FlowFacts? Facts(Conversation c) => Facts(c.Id, c);

    private FlowFacts? Facts(long id, Conversation? c)
    {
        if (!_flows.TryGetValue(id, out var f))
        {
            if (_flows.Count >= _options.MaxFlows)
            {
                NotRetained++;
                return null;
            }
            _flows[id] = f = new FlowFacts(id);
        }
        if (c == null) return f;
        f.Flow ??= c.Flow;
        if (c.Protocol != "unknown") f.Protocol = c.Protocol;
        if (c.Encrypted && !f.Encrypted)
        {
            f.Encrypted = true;
            f.TlsKind = c.TlsKind;
            f.TlsTs = c.TlsTs;
        }
        f.User ??= c.User;
        return f;
    }
}
