using System.Diagnostics;

namespace MailSniffer.LoopbackReplay;

/// <summary>A shared token bucket in estimated packets per second: workers take tokens before sending and sleep when
/// ahead of schedule, so the offered load stays near the target instead of whatever the CPU allows.</summary>
internal sealed class Pacer(double packetsPerSecond)
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private long _taken;

    public long Taken => Interlocked.Read(ref _taken);

    public void Take(int packets)
    {
        long taken = Interlocked.Add(ref _taken, packets);
        double due = taken / packetsPerSecond;
        double ahead = due - _clock.Elapsed.TotalSeconds;
        if (ahead > 0.002) Thread.Sleep(TimeSpan.FromSeconds(ahead));
    }
}
