using MailSniffer.Tui.Ui;
using Terminal.Gui.App;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;

namespace MailSniffer.Tui.Tests;

/// <summary>The list source that draws the view-model's rows: only what fits, wide characters counted as two cells.</summary>
public class RowsSourceTests
{
    private static string Draw(IReadOnlyList<string> rows, int width)
    {
        using IApplication app = Application.Create();
        app.Init("ansi");
        app.Driver!.SetScreenSize(width, 6);
        using var window = new Window { BorderStyle = Terminal.Gui.Drawing.LineStyle.None };
        var list = new ListView { X = 0, Y = 0, Width = Dim.Fill(), Height = Dim.Fill(), Source = new RowsSource(rows) };
        window.Add(list);
        app.StopAfterFirstIteration = true;
        app.Run(window);
        return app.Driver!.ToString() ?? "";
    }

    [Fact]
    public void Rows_are_cut_at_the_width_and_wide_characters_take_two_cells()
    {
        var rows = new[] { "short", new string('x', 100) + "END", "東京東京東京東京東京東京東京東京東京東京東京東京", "last" };
        var lines = Draw(rows, 30).Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        Assert.StartsWith("short", lines[0]);
        Assert.Equal(new string('x', 30), lines[1].TrimEnd());
        Assert.DoesNotContain("END", string.Join("\n", lines));
        Assert.True(lines[2].StartsWith("東京東京東京東京東京東京東京東", StringComparison.Ordinal), lines[2]);   // 15 wide characters = 30 cells
        Assert.DoesNotContain("東京東京東京東京東京東京東京東京", lines[2]);
        Assert.StartsWith("last", lines[3]);
    }

    [Fact]
    public void Reports_counts_and_widths_without_copying_the_rows()
    {
        var rows = new List<string> { "a", "bbbb", "cc" };
        var source = new RowsSource(rows);
        Assert.Equal(3, source.Count);
        Assert.Equal(4, source.MaxItemLength);
        Assert.Same(rows, source.ToList());
        Assert.Same(rows, source.Rows);
        Assert.False(source.IsMarked(1));
    }
}
