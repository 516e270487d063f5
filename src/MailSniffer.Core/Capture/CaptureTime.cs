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

    /// <summary>Length of <see cref="ToIso8601"/>'s text.</summary>
    public const int Iso8601Length = 27;

    /// <summary>ISO 8601 UTC with microseconds, e.g. 2026-11-22T10:00:00.123456Z.</summary>
    public string ToIso8601()
    {
        Span<byte> utf8 = stackalloc byte[Iso8601Length];
        FormatIso8601(utf8);
        return System.Text.Encoding.ASCII.GetString(utf8);
    }

    /// <summary>
    /// Writes <see cref="ToIso8601"/>'s text as UTF-8 into <paramref name="utf8"/> (at least <see cref="Iso8601Length"/>
    /// bytes). Written digit by digit: JSON output formats a timestamp for every record, and the general custom-format
    /// path of DateTime was the largest single cost of writing a record.
    /// </summary>
    public void FormatIso8601(Span<byte> utf8)
    {
        var dt = DateTime.UnixEpoch.AddTicks(Math.DivRem(UnixNanoseconds, 1000, out _) * 10);
        dt.Deconstruct(out DateOnly date, out TimeOnly time);
        Digits(utf8[..4], date.Year);
        utf8[4] = (byte)'-';
        Digits(utf8.Slice(5, 2), date.Month);
        utf8[7] = (byte)'-';
        Digits(utf8.Slice(8, 2), date.Day);
        utf8[10] = (byte)'T';
        Digits(utf8.Slice(11, 2), time.Hour);
        utf8[13] = (byte)':';
        Digits(utf8.Slice(14, 2), time.Minute);
        utf8[16] = (byte)':';
        Digits(utf8.Slice(17, 2), time.Second);
        utf8[19] = (byte)'.';
        Digits(utf8.Slice(20, 6), (int)(dt.Ticks % TimeSpan.TicksPerSecond / 10));
        utf8[26] = (byte)'Z';
    }

    private static void Digits(Span<byte> destination, int value)
    {
        for (int i = destination.Length - 1; i >= 0; i--)
        {
            destination[i] = (byte)('0' + value % 10);
            value /= 10;
        }
    }

    public int CompareTo(CaptureTime other) => UnixNanoseconds.CompareTo(other.UnixNanoseconds);
    public static bool operator <(CaptureTime a, CaptureTime b) => a.UnixNanoseconds < b.UnixNanoseconds;
    public static bool operator >(CaptureTime a, CaptureTime b) => a.UnixNanoseconds > b.UnixNanoseconds;
    public static bool operator <=(CaptureTime a, CaptureTime b) => a.UnixNanoseconds <= b.UnixNanoseconds;
    public static bool operator >=(CaptureTime a, CaptureTime b) => a.UnixNanoseconds >= b.UnixNanoseconds;

    public override string ToString() => ToIso8601();
}
