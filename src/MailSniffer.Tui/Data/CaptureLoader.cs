using System.Diagnostics;
using MailSniffer.Analysis;
using MailSniffer.Analysis.Model;
using MailSniffer.Analysis.Pipeline;
using MailSniffer.Core.Capture;
using MailSniffer.Tui.Packets;

namespace MailSniffer.Tui.Data;

/// <summary>
/// Runs the whole analysis on a background task, in small steps so it can be paused and cancelled; the UI only ever
/// calls <see cref="Snapshot"/>. Owns the packet source and disposes it when reading ends.
/// </summary>
public sealed class CaptureLoader : IDisposable
{
    private const int PacketsPerStep = 512;
    private readonly IPacketSource _source;
    private readonly long? _fileBytes;
    private readonly CaptureAnalysis _analysis;
    private readonly CancellationTokenSource _cancel = new();
    private readonly ManualResetEventSlim _running = new(true);
    private readonly Stopwatch _clock = new();
    private readonly Action? _stop;
    private readonly Func<long?>? _kernelDropped;
    private readonly Timer _journeyTimer;
    private Task? _task;
    private double _rateAt, _rate;
    private long _ratePackets;
    private volatile bool _finished;
    private volatile string? _error;

    /// <param name="fileBytes">Size of the capture file, for a progress fraction; null for live capture.</param>
    /// <param name="stop">Unblocks a live source waiting for packets, so quitting never hangs.</param>
    /// <param name="packets">Remembers each connection's frames for the Packets view (a file index or a live ring).</param>
    /// <param name="kernelDropped">Packets the kernel dropped (live capture), added to the drops on the status bar.</param>
    public CaptureLoader(IPacketSource source, long? fileBytes, Action? stop = null, IPacketStore? packets = null,
        Func<long?>? kernelDropped = null)
    {
        _stop = stop;
        _kernelDropped = kernelDropped;
        // Journeys are rebuilt off the UI thread while reading; the first tick also catches a quiet live capture.
        _journeyTimer = new Timer(_ => RefreshJourneys(), null, Timeout.Infinite, Timeout.Infinite);
        Packets = packets;
        _source = packets is null ? source : new IndexingPacketSource(source, packets);
        _fileBytes = fileBytes;
        Collector = new SnapshotCollector();
        // Live: DNS look-ups appear once answered, not a minute later when their UDP flow times out (files keep the
        // model's own order, identical to the other commands).
        CaptureModel? model = null;
        IPacketSource feed = fileBytes is null
            ? new BetweenPacketsSource(_source, () => model?.CloseAnsweredDnsLookups(), TimeSpan.FromMilliseconds(200))
            : _source;
        _analysis = new CaptureAnalysis(feed, Options, null, Collector, Collector.Journeys);
        model = _analysis.Model;
    }

    /// <summary>The model keeps nothing itself (the collector holds the UI's copy) except transcripts of open flows.</summary>
    public static AnalysisOptions Options => new() { Retention = RetentionPolicy.Streaming with { TranscriptLinesPerConversation = TranscriptLines } };

    public const int TranscriptLines = 500;

    /// <summary>Kernel capture ring for live capture in the TUI: 64 MiB holds several seconds at 10,000 packets/s, so a
    /// journey rebuild or a GC on the capture thread does not lose packets (with libpcap's 2 MiB default, a 4 s stall at
    /// 12,000 packets/s lost 48,000 packets; the 60 s soak with this ring saw every packet).</summary>
    public const int LiveKernelBufferBytes = 64 * 1024 * 1024;

    public SnapshotCollector Collector { get; }
    /// <summary>Live journey rebuilds that threw (kept for diagnosis; the journeys shown are the last good ones).</summary>
    public int JourneyRebuildFailures { get; private set; }
    public IPacketStore? Packets { get; }
    public bool Paused => !_running.IsSet;
    public bool Finished => _finished;

    public void Start()
    {
        if (_task != null) return;
        _task = Task.Run(Loop);
        _journeyTimer.Change(JourneyTick, Timeout.InfiniteTimeSpan);
    }

    /// <summary>How often the journey rebuild is considered (it runs only when due, see <see cref="LiveJourneys"/>).</summary>
    public static readonly TimeSpan JourneyTick = TimeSpan.FromMilliseconds(500);

    private void RefreshJourneys()
    {
        if (_finished || _cancel.IsCancellationRequested) return;
        // A timer callback that throws ends the process (and leaves the terminal raw): a rebuild over half-seen flows
        // must never do that. The Timeline keeps the last good journeys; the next tick and the end of reading retry.
        try { Collector.Journeys.RebuildIfDue(_clock.Elapsed); }
        catch (Exception) { JourneyRebuildFailures++; }
        if (!_finished && !_cancel.IsCancellationRequested) _journeyTimer.Change(JourneyTick, Timeout.InfiniteTimeSpan);
    }

    public void TogglePause()
    {
        if (_running.IsSet) _running.Reset(); else _running.Set();
    }

    /// <summary>Blocks until reading has finished (tests, and the last refresh before showing a finished file).</summary>
    public bool WaitFinished(TimeSpan timeout) => _task?.Wait(timeout) ?? false;

    public CaptureSnapshot Snapshot() => Collector.Take(Progress());

    private CaptureProgress Progress()
    {
        var stats = _analysis.Engine.Stats;
        long packets = Interlocked.Read(ref stats.Frames);
        double now = _clock.Elapsed.TotalSeconds;
        // The rate over the last second or so, not since the start: live traffic comes in bursts.
        if (now - _rateAt >= 1.0 || _rateAt == 0)
        {
            _rate = now > _rateAt ? (packets - _ratePackets) / Math.Max(now - _rateAt, 1e-3) : 0;
            _rateAt = now;
            _ratePackets = packets;
        }
        double? fraction = _fileBytes is > 0 ? Math.Min(1.0, Interlocked.Read(ref stats.CaptureBytes) / (double)_fileBytes.Value) : null;
        if (_finished) fraction = _fileBytes is null ? null : 1.0;
        return new CaptureProgress(packets, Collector.FlowCount, Collector.MessageCount, fraction, _finished ? packets / Math.Max(now, 1e-3) : _rate,
            Collector.Dropped + (_kernelDropped?.Invoke() ?? 0), _finished, Paused, _error);
    }

    private void Loop()
    {
        _clock.Start();
        try
        {
            var engine = _analysis.Engine;
            while (!_cancel.IsCancellationRequested)
            {
                _running.Wait(_cancel.Token);
                if (engine.Step(PacketsPerStep) == 0) break;
            }
            if (!_cancel.IsCancellationRequested)
            {
                engine.Finish();
                _analysis.Model.Complete();
            }
        }
        catch (OperationCanceledException) { }
        catch (Exception e) { _error = e.Message; }
        finally
        {
            _clock.Stop();
            _finished = true;
            _source.Dispose();
        }
    }

    public void Dispose()
    {
        _cancel.Cancel();
        _journeyTimer.Dispose();
        _running.Set();
        _stop?.Invoke();
        try { _task?.Wait(TimeSpan.FromSeconds(5)); } catch (AggregateException) { }
        if (_task is null) _source.Dispose();   // never started (e.g. the terminal could not be set up)
        _cancel.Dispose();
    }
}
