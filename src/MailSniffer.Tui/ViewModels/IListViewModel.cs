using MailSniffer.Tui.Data;
using MailSniffer.Tui.Filtering;

namespace MailSniffer.Tui.ViewModels;

/// <summary>A view as text, without a terminal: a header, rows, a selection, a detail pane and the keys it understands.</summary>
public interface IListViewModel
{
    string Title { get; }
    string Header { get; }
    IReadOnlyList<string> Rows { get; }
    int Selected { get; }
    /// <summary>Text for the pane under the list, about the selected row. Already safe for a terminal.</summary>
    string Detail { get; }
    /// <summary>Keys this view adds, for the help screen.</summary>
    string KeysHelp { get; }

    void Update(CaptureSnapshot snapshot, RowFilter filter);
    void Select(int index);
    /// <summary>A key typed while the view is shown; true when the view used it.</summary>
    bool HandleKey(char key);
}
