using System.Text;
using MailSniffer.Analysis.Views.Export;

namespace MailSniffer.Analysis.Tests;

public class MboxrdQuoterTests
{
    private static string Quote(byte[] input, IEnumerable<int> cuts)
    {
        var output = new MemoryStream();
        var quoter = new MboxrdQuoter(output);
        int start = 0;
        foreach (int cut in cuts.Where(c => c > 0 && c < input.Length).Distinct().Order())
        {
            quoter.Write(input.AsSpan(start, cut - start));
            start = cut;
        }
        quoter.Write(input.AsSpan(start));
        quoter.Finish();
        return Encoding.Latin1.GetString(output.ToArray());
    }

    private static readonly byte[] Sample = Encoding.ASCII.GetBytes(
        "From start\r\n>From a\r\n>>From b\r\nFrom\r\nFro\r\n>Fro\r\n> From\r\nxFrom y\r\n>\r\n>>\r\nFrom ");

    private const string Expected =
        ">From start\r\n>>From a\r\n>>>From b\r\nFrom\r\nFro\r\n>Fro\r\n> From\r\nxFrom y\r\n>\r\n>>\r\n>From ";

    [Fact]
    public void Quotes_exactly_the_lines_mboxrd_requires()
    {
        Assert.Equal(Expected, Quote(Sample, Array.Empty<int>()));
    }

    [Fact]
    public void Any_split_of_the_input_gives_the_same_output()
    {
        Assert.Equal(Expected, Quote(Sample, Enumerable.Range(1, Sample.Length)));
        var rng = new Random(99);
        for (int i = 0; i < 200; i++)
            Assert.Equal(Expected, Quote(Sample, Enumerable.Range(0, rng.Next(1, 8)).Select(_ => rng.Next(Sample.Length))));
    }

    [Fact]
    public void Held_back_prefix_is_released_at_the_end()
    {
        Assert.Equal("line\n>>Fr", Quote(Encoding.ASCII.GetBytes("line\n>>Fr"), new[] { 6 }));
    }
}
