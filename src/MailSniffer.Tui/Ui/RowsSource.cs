using System.Collections;
using System.Collections.Specialized;
using System.Text;
using Terminal.Gui.Text;
using Terminal.Gui.Views;

namespace MailSniffer.Tui.Ui;

/// <summary>
/// The view-model's rows as a ListView source, without copying them. Terminal.Gui's own ListWrapper measures every
/// row's width in columns when the source is set, which took ~200 ms for 20,000 rows on each refresh of a live
/// capture; this source measures widths in chars (an upper bound for fitted rows is enough for horizontal scrolling)
/// and draws only the rows on screen.
/// </summary>
public sealed class RowsSource(IReadOnlyList<string> rows) : IListDataSource
{
    private int _maxLength = -1;

    public IReadOnlyList<string> Rows => rows;
    public int Count => rows.Count;

    public int MaxItemLength
    {
        get
        {
            if (_maxLength < 0)
            {
                int max = 0;
                for (int i = 0; i < rows.Count; i++) max = Math.Max(max, rows[i].Length);
                _maxLength = max;
            }
            return _maxLength;
        }
    }

    public bool SuspendCollectionChangedEvent { get; set; }

    // The rows never change after construction: a refresh makes a new source.
    public event NotifyCollectionChangedEventHandler? CollectionChanged { add { } remove { } }

    public bool IsMarked(int item) => false;
    public void SetMark(int item, bool value) { }
    public IList ToList() => rows as IList ?? rows.ToList();

    public void Render(ListView listView, bool selected, int item, int col, int row, int width, int viewportX)
    {
        listView.Move(col, row);
        var text = item >= 0 && item < rows.Count ? rows[item] : "";
        var line = new StringBuilder(width + 8);
        int skipped = 0, used = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            int w = Math.Max(0, rune.GetColumns());
            if (skipped < viewportX) { skipped += Math.Max(1, w); continue; }
            if (used + w > width) break;
            line.Append(rune.ToString());
            used += w;
        }
        line.Append(' ', Math.Max(0, width - used));
        listView.AddStr(line.ToString());
    }

    public void Dispose() { }
}
