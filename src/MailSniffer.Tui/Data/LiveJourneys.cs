using System.Diagnostics;
using MailSniffer.Analysis.Model;
using MailSniffer.Analysis.Timeline;
using MailSniffer.Decoders.Events;
using MailSniffer.Decoders.Messages;

namespace MailSniffer.Tui.Data;

/// <summary>
/// A <see cref="JourneyBuilder"/> that can be rebuilt while the capture is still running, so the Timeline grows during
/// live capture and while a large file loads. The builder is not thread-safe: the capture thread feeds it under a lock
/// and a rebuild takes the same lock. A rebuild costs O(messages), so it runs only when something changed and at most
/// every <see cref="MinInterval"/> (or ten times its own last cost, whichever is longer): the capture thread waits
/// for at most a tenth of its time, however large the capture grows.
/// </summary>
public sealed class LiveJourneys : ICaptureObserver
{
    public static readonly TimeSpan MinInterval = TimeSpan.FromSeconds(2);
    private const int CostFactor = 10;

    private readonly object _gate = new();
    private readonly JourneyBuilder _builder;
    private IReadOnlyList<Journey> _current = Array.Empty<Journey>();
    private long _changes, _builtAtChange;
    private TimeSpan? _lastBuildAt;

    public LiveJourneys(JourneyBuilder? builder = null) => _builder = builder ?? new JourneyBuilder();

    /// <summary>The journeys of the last rebuild; safe to read from any thread.</summary>
    public IReadOnlyList<Journey> Current => Volatile.Read(ref _current);

    public int Rebuilds { get; private set; }
    public TimeSpan LastCost { get; private set; }

    public void FlowStarted(Conversation conversation) { lock (_gate) { _builder.FlowStarted(conversation); _changes++; } }
    public void EventSeen(MailEvent e, Conversation conversation) { lock (_gate) { _builder.EventSeen(e, conversation); _changes++; } }
    public void MessageSeen(MessageRecord message, MessageContent content) { lock (_gate) { _builder.MessageSeen(message, content); _changes++; } }
    public void CredentialSeen(Credential credential) { lock (_gate) { _builder.CredentialSeen(credential); _changes++; } }
    public void DnsLookupCompleted(DnsLookup lookup) { lock (_gate) { _builder.DnsLookupCompleted(lookup); _changes++; } }
    public void FlowEnded(Conversation conversation) { lock (_gate) { _builder.FlowEnded(conversation); _changes++; } }

    /// <summary>The capture ended: the final journeys, whatever the interval.</summary>
    public void Completed()
    {
        lock (_gate) ((ICaptureObserver)_builder).Completed();
        Rebuild(null);
    }

    /// <summary>Rebuilds when the model changed since the last rebuild and the interval has passed; <paramref name="now"/> is
    /// any monotonic clock. Returns whether it rebuilt.</summary>
    public bool RebuildIfDue(TimeSpan now)
    {
        lock (_gate)
        {
            if (_changes == _builtAtChange) return false;
            var wait = MinInterval > LastCost * CostFactor ? MinInterval : LastCost * CostFactor;
            if (_lastBuildAt is { } last && now - last < wait) return false;
        }
        Rebuild(now);
        return true;
    }

    /// <summary>Rebuilds now (tests, and the end of the capture).</summary>
    public IReadOnlyList<Journey> Rebuild(TimeSpan? now = null)
    {
        lock (_gate)
        {
            var clock = Stopwatch.StartNew();
            // Counted as an attempt even if it throws, so a failing rebuild is retried at the same bounded rate.
            _lastBuildAt = now ?? _lastBuildAt;
            IReadOnlyList<Journey> journeys;
            try { journeys = _builder.Build(); }
            finally { LastCost = clock.Elapsed; }
            _builtAtChange = _changes;
            Rebuilds++;
            Volatile.Write(ref _current, journeys);
            return journeys;
        }
    }
}
