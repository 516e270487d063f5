using System.Text;
using MailSniffer.Analysis.Messages;

namespace MailSniffer.Analysis.Tests.Messages;

public class HeaderSectionProbeTests
{
    private static MemoryStream Header(int fill, string end, int tail = 100)
    {
        var sb = new StringBuilder();
        while (sb.Length < fill) sb.Append("X-Filler: ").Append(new string('a', 60)).Append("\r\n");
        return new MemoryStream(Encoding.ASCII.GetBytes(sb + end + new string('b', tail)));
    }

    // Blank lines placed so their bytes straddle each read boundary (reads of 2, 4, 8... KiB) at every offset.
    [Theory]
    [InlineData("\r\n\r\n")]
    [InlineData("\n\n")]
    [InlineData("\r\n\n")]
    public void Finds_a_blank_line_wherever_the_reads_split_it(string end)
    {
        foreach (int boundary in new[] { 2048, 2048 + 4096, 2048 + 4096 + 8192 })
            for (int shift = -4; shift <= 1; shift++)
            {
                // Header lines of 60 letters and CRLF, cut at the chosen length, then the blank line and a body.
                var filler = Enumerable.Range(0, boundary + shift).Select(i => (i % 62) switch { 60 => (byte)'\r', 61 => (byte)'\n', _ => (byte)'h' }).ToArray();
                Assert.DoesNotContain("\n\n", Encoding.ASCII.GetString(filler).Replace("\r", ""));
                using var stream = new MemoryStream(filler.Concat(Encoding.ASCII.GetBytes(end + "body")).ToArray());
                Assert.True(HeaderSectionProbe.EndsWithin(stream, 1 << 20), $"boundary {boundary} shift {shift}");
                Assert.Equal(0, stream.Position);
            }
    }

    [Fact]
    public void A_header_without_a_blank_line_beyond_the_limit_is_refused()
    {
        using var stream = Header(300_000, "X-Last: 1\r\n", tail: 0);
        Assert.False(HeaderSectionProbe.EndsWithin(stream, 256 * 1024));
        Assert.Equal(0, stream.Position);
    }

    [Fact]
    public void A_message_that_ends_inside_its_header_is_accepted()
    {
        using var stream = Header(5_000, "X-Last: 1\r\n", tail: 0);
        Assert.True(HeaderSectionProbe.EndsWithin(stream, 256 * 1024));
    }

    [Fact]
    public void A_blank_line_past_the_limit_does_not_count()
    {
        using var stream = Header(20_000, "\r\n\r\n");
        Assert.False(HeaderSectionProbe.EndsWithin(stream, 10_000));
    }
}
