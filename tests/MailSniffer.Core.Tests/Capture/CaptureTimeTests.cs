using System.Globalization;
using MailSniffer.Core.Capture;

namespace MailSniffer.Core.Tests.Capture;

public class CaptureTimeTests
{
    private static string Reference(CaptureTime t) =>
        DateTime.UnixEpoch.AddTicks(Math.DivRem(t.UnixNanoseconds, 1000, out _) * 10)
            .ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);

    [Theory]
    [InlineData(0L, "1970-01-01T00:00:00.000000Z")]
    [InlineData(1_700_000_000_123_456_789L, "2023-11-14T22:13:20.123456Z")]
    [InlineData(4_294_967_295_999_999_999L, "2106-02-07T06:28:15.999999Z")]
    public void Iso8601_has_microseconds_and_a_zulu_suffix(long ns, string expected) =>
        Assert.Equal(expected, new CaptureTime(ns).ToIso8601());

    [Fact]
    public void Digit_by_digit_formatting_matches_the_runtime_formatter_for_any_pcap_time()
    {
        var rng = new Random(4);
        for (int i = 0; i < 100_000; i++)
        {
            // Anything a pcap or pcapng record can say: 32-bit seconds with a fraction, and any 64-bit nanosecond count.
            long ns = i % 2 == 0 ? (long)(uint)rng.Next(int.MinValue, int.MaxValue) * 1_000_000_000L + rng.Next(1_000_000_000)
                                 : rng.NextInt64(long.MinValue, long.MaxValue);
            var t = new CaptureTime(ns);
            Assert.Equal(Reference(t), t.ToIso8601());
        }
    }
}
