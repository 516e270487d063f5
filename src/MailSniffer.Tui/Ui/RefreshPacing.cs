using System.Diagnostics;

namespace MailSniffer.Tui.Ui;

/// <summary>
/// Keeps the timer refresh from owning the UI thread: when a refresh took long (a huge list), the next one waits
/// several times as long, so at most about a fifth of the UI thread goes to refreshing and keys are handled promptly.
/// The layout pass after a refresh runs outside the measured span, hence the generous factor.
/// </summary>
public sealed class RefreshPacing
{
    public const int IdleFactor = 4;
    private readonly Func<TimeSpan> _now;
    private TimeSpan _started, _nextDue;

    public RefreshPacing(Func<TimeSpan>? now = null)
    {
        var clock = Stopwatch.StartNew();
        _now = now ?? (() => clock.Elapsed);
    }

    public TimeSpan LastCost { get; private set; }

    public bool Due() => _now() >= _nextDue;

    public void Begin() => _started = _now();

    public void End()
    {
        var end = _now();
        LastCost = end - _started;
        _nextDue = end + LastCost * IdleFactor;
    }
}
