namespace MailSniffer.Core.Capture;

/// <summary>
/// Warnings of a packet source, capped so that a hostile file full of bad blocks cannot grow memory without bound;
/// past the cap one summary line counts what was left out.
/// </summary>
internal sealed class WarningLog
{
    public const int MaxWarnings = 100;

    private readonly List<string> _items = new();
    private int _suppressed;

    public IReadOnlyList<string> Items => _items;

    public void Add(string warning)
    {
        if (_items.Count < MaxWarnings)
        {
            _items.Add(warning);
            return;
        }
        _suppressed++;
        var summary = $"{_suppressed} further warning(s) suppressed.";
        if (_items.Count == MaxWarnings)
            _items.Add(summary);
        else
            _items[^1] = summary;
    }
}
