using System.Globalization;

namespace MailSniffer.Core.Capture;

/// <summary>
/// A capture timestamp: nanoseconds since the Unix epoch, UTC. Taken from the packet record, never from the wall clock,
/// so that output is reproducible and describes when traffic happened, not when it was analysed.
/// </summary>
public readonly record struct CaptureTime(long UnixNanoseconds) : IComparable<CaptureTime>
{
    public static readonly CaptureTime Zero = new(0);

    public DateTime ToDateTime() => DateTime.UnixEpoch.AddTicks(UnixNanoseconds / 100);

    public double SecondsSince(CaptureTime earlier) => (UnixNanoseconds - earlier.UnixNanoseconds) / 1e9;

    /// <summary>ISO 8601 UTC with microseconds, e.g. 2026-11-22T10:00:00.123456Z.</summary>
    public string ToIso8601()
    {
        var dt = DateTime.UnixEpoch.AddTicks(Math.DivRem(UnixNanoseconds, 1000, out _) * 10);
        return dt.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);
    }

    public int CompareTo(CaptureTime other) => UnixNanoseconds.CompareTo(other.UnixNanoseconds);
    public static bool operator <(CaptureTime a, CaptureTime b) => a.UnixNanoseconds < b.UnixNanoseconds;
    public static bool operator >(CaptureTime a, CaptureTime b) => a.UnixNanoseconds > b.UnixNanoseconds;
    public static bool operator <=(CaptureTime a, CaptureTime b) => a.UnixNanoseconds <= b.UnixNanoseconds;
    public static bool operator >=(CaptureTime a, CaptureTime b) => a.UnixNanoseconds >= b.UnixNanoseconds;

    public override string ToString() => ToIso8601();
}
