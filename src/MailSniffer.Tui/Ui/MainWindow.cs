using MailSniffer.Tui.ViewModels;
using Terminal.Gui.Drawing;
using Terminal.Gui.ViewBase;
using Attribute = Terminal.Gui.Drawing.Attribute;
using Terminal.Gui.Views;

namespace MailSniffer.Tui.Ui;

/// <summary>
/// Draws <see cref="MainViewModel"/>: tab line, column header, the list, a detail pane and the status line. Holds no
/// state of its own; <see cref="Render"/> copies the view-model's text into the views.
/// </summary>
public sealed class MainWindow : Window
{
    private const int DetailHeight = 6;
    private readonly MainViewModel _vm;
    private readonly Label _tabs = new() { X = 0, Y = 0, Width = Dim.Fill(), Height = 1 };
    private readonly Label _header = new() { X = 0, Y = 1, Width = Dim.Fill(), Height = 1 };
    private readonly ListView _list = new() { X = 0, Y = 2, Width = Dim.Fill(), Height = Dim.Fill(DetailHeight + 1) };
    private readonly Label _detail = new() { X = 0, Y = Pos.AnchorEnd(DetailHeight + 1), Width = Dim.Fill(), Height = DetailHeight };
    private readonly Label _status = new() { X = 0, Y = Pos.AnchorEnd(1), Width = Dim.Fill(), Height = 1 };
    private IReadOnlyList<string> _rows = Array.Empty<string>();
    private bool _rendering;

    public MainWindow(MainViewModel vm, string title)
    {
        _vm = vm;
        Title = title;
        _list.Source = new RowsSource(_rows);
        _list.ValueChanged += (_, e) =>
        {
            // The mouse moved the selection; keyboard moves go through the view-model first.
            if (_rendering || e.NewValue is not int i || _vm.ShowingHelp) return;
            _vm.Current.Select(i);
            Render();
        };
        _list.RowRender += (_, e) =>
        {
            if (e.Row < 0 || e.Row >= _rows.Count || e.Row == _list.SelectedItem) return;
            // Mid-tone foregrounds on the theme's own background: readable on dark and light terminals alike.
            ColorName16? fg = RowKinds.Of(_rows[e.Row]) switch
            {
                RowKind.Exposed => ColorName16.Red,
                RowKind.ClientTurn => ColorName16.Magenta,
                RowKind.ServerTurn => ColorName16.Green,
                RowKind.Note => ColorName16.Cyan,
                _ => null,
            };
            if (fg is { } color)
                e.RowAttribute = new Attribute(new Color(color), _list.GetAttributeForRole(VisualRole.Normal).Background);
        };
        Add(_tabs, _header, _list, _detail, _status);
    }

    public void Render()
    {
        _rendering = true;
        try
        {
            _tabs.Text = _vm.Tabs;
            _header.Text = _vm.Header;
            var rows = _vm.Rows;
            if (!rows.SequenceEqual(_rows))
            {
                // One new source instead of row-by-row changes: each change would re-layout the list.
                // A copy of the references (0.1 ms at 100k rows): a view-model that reuses its list cannot change the
                // rows under the ListView, and the comparison above sees what is really on screen.
                _rows = rows.ToArray();
                _list.Source = new RowsSource(_rows);
            }
            if (rows.Count > 0)
            {
                _list.SelectedItem = Math.Clamp(_vm.Selected, 0, rows.Count - 1);
                _list.EnsureSelectedItemVisible();
            }
            if (_detail.Text != _vm.Detail) _detail.Text = _vm.Detail;
            _status.Text = _vm.Status;
            SetNeedsDraw();
        }
        finally { _rendering = false; }
    }
}
