using System.Runtime.CompilerServices;
using MailSniffer.Tui.Data;
using MailSniffer.Tui.Filtering;

namespace MailSniffer.Tui.ViewModels;

/// <summary>Selection that survives refreshes: it follows the selected item's key, not its row number.</summary>
public abstract class ListViewModelBase<T> : IListViewModel where T : class
{
    // Rows formatted once per item: snapshot items are immutable (a conversation that changes is a new row object), so
    // a refresh with 100k rows formats only what is new instead of every row every 250 ms. A view's own mode change
    // (sort, reveal) calls Rebuild, which starts a fresh cache.
    private ConditionalWeakTable<T, string> _formatted = new();
    private IReadOnlyList<T> _items = Array.Empty<T>();
    private IReadOnlyList<string> _rows = Array.Empty<string>();
    private object? _selectedKey;

    public abstract string Title { get; }
    public abstract string Header { get; }
    public virtual string KeysHelp => "";
    public IReadOnlyList<string> Rows => _rows;
    public IReadOnlyList<T> Items => _items;
    public int Selected { get; private set; }
    public T? SelectedItem => Selected >= 0 && Selected < _items.Count ? _items[Selected] : default;
    public string Detail => SelectedItem is { } item ? DetailOf(item) : EmptyText;
    protected virtual string EmptyText => "(nothing yet)";

    protected CaptureSnapshot Snapshot { get; private set; } = CaptureSnapshot.Empty;
    protected RowFilter Filter { get; private set; } = RowFilter.None;

    public void Update(CaptureSnapshot snapshot, RowFilter filter)
    {
        Snapshot = snapshot;
        Filter = filter;
        RebuildRows();
    }

    /// <summary>Recomputes rows from the last snapshot (after a sort or mode change).</summary>
    protected void Rebuild()
    {
        _formatted = new ConditionalWeakTable<T, string>();
        RebuildRows();
    }

    private void RebuildRows()
    {
        // Describing a row for the filter joins its texts: only pay for it when there is a filter.
        var items = ItemsOf(Snapshot);
        _items = Order(Filter.IsEmpty ? items : items.Where(i => Filter.Matches(SubjectOf(i)))).ToList();
        var rows = new string[_items.Count];
        for (int i = 0; i < rows.Length; i++) rows[i] = _formatted.GetValue(_items[i], RowOf);
        _rows = rows;
        int found = _selectedKey is null ? -1 : IndexOfKey(_selectedKey);
        Selected = found >= 0 ? found : Math.Clamp(Selected, 0, Math.Max(0, _items.Count - 1));
        _selectedKey = SelectedItem is { } s ? KeyOf(s) : null;
    }

    public void Select(int index)
    {
        if (_items.Count == 0) return;
        Selected = Math.Clamp(index, 0, _items.Count - 1);
        _selectedKey = KeyOf(_items[Selected]);
    }

    public virtual bool HandleKey(char key) => false;

    private int IndexOfKey(object key)
    {
        for (int i = 0; i < _items.Count; i++) if (Equals(KeyOf(_items[i]), key)) return i;
        return -1;
    }

    protected abstract IEnumerable<T> ItemsOf(CaptureSnapshot snapshot);
    protected virtual IEnumerable<T> Order(IEnumerable<T> items) => items;
    protected abstract object KeyOf(T item);
    protected abstract string RowOf(T item);
    protected abstract string DetailOf(T item);
    protected abstract FilterSubject SubjectOf(T item);
}
