using System.Text;
using MailSniffer.Core.Text;

namespace MailSniffer.Analysis.Views.Text;

/// <summary>
/// Rows printed in aligned columns. Every cell goes through <see cref="SafeText.ForTerminal(string?)"/> when added,
/// so nothing from the wire reaches the terminal raw; over-long cells are cut to keep the columns readable.
/// </summary>
public sealed class TextTable
{
    private readonly string[] _headers;
    private readonly List<string[]> _rows = new();
    private readonly int _maxCellWidth;

    public TextTable(int maxCellWidth, params string[] headers)
    {
        _headers = headers;
        _maxCellWidth = Math.Max(4, maxCellWidth);
    }

    public int RowCount => _rows.Count;

    public void Add(params string?[] cells)
    {
        var row = new string[_headers.Length];
        for (int i = 0; i < row.Length; i++)
            row[i] = Cut(SafeText.ForTerminal(i < cells.Length ? cells[i] : ""));
        _rows.Add(row);
    }

    public void Write(TextWriter w, string indent = "")
    {
        var widths = new int[_headers.Length];
        for (int i = 0; i < widths.Length; i++)
            widths[i] = Math.Max(_headers[i].Length, _rows.Count == 0 ? 0 : _rows.Max(r => r[i].Length));
        WriteRow(w, indent, _headers, widths);
        WriteRow(w, indent, widths.Select(n => new string('-', n)).ToArray(), widths);
        foreach (var row in _rows) WriteRow(w, indent, row, widths);
    }

    private static void WriteRow(TextWriter w, string indent, string[] cells, int[] widths)
    {
        var sb = new StringBuilder(indent);
        for (int i = 0; i < cells.Length; i++)
        {
            if (i > 0) sb.Append("  ");
            // The last column is not padded: no trailing blanks.
            sb.Append(i == cells.Length - 1 ? cells[i] : cells[i].PadRight(widths[i]));
        }
        w.WriteLine(sb.ToString().TrimEnd());
    }

    private string Cut(string s) => s.Length <= _maxCellWidth ? s : s[..(_maxCellWidth - 3)] + "...";
}
