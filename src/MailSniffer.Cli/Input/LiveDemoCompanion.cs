using MailSniffer.Server.Demo;
using MailSniffer.Tui.Ui;
using MailSniffer.Tui.ViewModels;

namespace MailSniffer.Cli.Input;

/// <summary>
/// The reference demo running beside the TUI (`mailsniffer demo --tui`): its narration becomes the window title
/// instead of console lines (which would tear the screen), 'd' plays the story again once it has finished, and
/// disposing cancels a run in progress and waits for its servers to shut down.
/// </summary>
internal sealed class LiveDemoCompanion : ITuiCompanion, IDisposable
{
    private const int MaxStatus = 70;
    private readonly Func<DemoOptions> _options;
    private readonly Action<string>? _statusChanged;
    private readonly CancellationTokenSource _cancel = new();
    private readonly object _gate = new();
    private Task? _run;
    private int _runs;
    private volatile string _status = "demo: starting";

    /// <param name="options">Fresh options for each run.</param>
    /// <param name="statusChanged">Told every status as it is set (the title shows only the latest).</param>
    public LiveDemoCompanion(Func<DemoOptions> options, Action<string>? statusChanged = null)
    {
        _options = options;
        _statusChanged = statusChanged;
    }

    public string Status => _status;
    public int Runs => _runs;
    public bool Running { get { lock (_gate) return _run is { IsCompleted: false }; } }

    /// <summary>Starts a run unless one is in progress; true when it started one.</summary>
    public bool Start()
    {
        lock (_gate)
        {
            if (_run is { IsCompleted: false } || _cancel.IsCancellationRequested) return false;
            int run = ++_runs;
            SetStatus($"demo run {run}: starting");
            _run = Task.Run(() => PlayAsync(run));
            return true;
        }
    }

    public IReadOnlyList<string> KeysHelp { get; } = ["d             play the demo again (once the current run has finished)"];

    public bool HandleKey(string key)
    {
        if (key != "d") return false;
        Start();
        return true;
    }

    /// <summary>Waits for the current run (tests).</summary>
    public bool Wait(TimeSpan timeout)
    {
        Task? run;
        lock (_gate) run = _run;
        try { return run?.Wait(timeout) ?? true; }
        catch (AggregateException) { return true; }
    }

    private async Task PlayAsync(int run)
    {
        try
        {
            var runner = new DemoRunner(_options(), line => SetStatus(Short($"demo run {run}: {line}")), recorder: null);
            await runner.RunAsync(_cancel.Token);
            SetStatus($"demo run {run} done (d: play again)");
        }
        catch (OperationCanceledException) { SetStatus($"demo run {run} stopped"); }
        catch (Exception e)
        {
            // Shown, never thrown: a port in use or a timeout must not take the capture down with it.
            SetStatus(Short($"demo run {run} failed: {e.Message} (d: try again)"));
        }
    }

    private void SetStatus(string status)
    {
        _status = status;
        _statusChanged?.Invoke(status);
    }

    /// <summary>Narration lines hold aligned columns and endpoints; one spaced-out line, cut to fit a title.</summary>
    private static string Short(string line)
    {
        var text = Cell.Safe(string.Join(' ', line.Split(' ', StringSplitOptions.RemoveEmptyEntries)));
        return text.Length <= MaxStatus ? text : text[..(MaxStatus - 1)] + "…";
    }

    public void Dispose()
    {
        _cancel.Cancel();
        Wait(TimeSpan.FromSeconds(15));
        _cancel.Dispose();
    }
}
