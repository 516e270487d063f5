using MailSniffer.Tui.ViewModels;

namespace MailSniffer.Tui.Tests;

public class CellTests
{
    [Theory]
    [InlineData("abc", 5, "abc  ")]
    [InlineData("abcdefgh", 5, "abcd…")]
    [InlineData("abcde", 5, "abcde")]
    [InlineData("", 3, "   ")]
    [InlineData(null, 2, "  ")]
    public void Fit_pads_and_cuts_to_the_width(string? s, int width, string expected) =>
        Assert.Equal(expected, Cell.Fit(s, width));

    [Theory]
    [InlineData("Grüße aus Zürich – 東京 ✉", 22)]
    [InlineData("東京東京東京東京東京東京", 7)]
    [InlineData("a\u001b[31mb", 10)]
    public void Fit_counts_terminal_columns_not_chars(string s, int width)
    {
        string fitted = Cell.Fit(s, width);
        Assert.Equal(width, Cell.Columns(fitted));
        Assert.DoesNotContain('\u001b', fitted);
    }
}
