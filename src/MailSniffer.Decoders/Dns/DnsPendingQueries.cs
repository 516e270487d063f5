using MailSniffer.Core.Capture;

namespace MailSniffer.Decoders.Dns;

/// <summary>Queries of one flow waiting for their response, by transaction id; the oldest is forgotten past the bound.</summary>
internal sealed class DnsPendingQueries
{
    private readonly int _capacity;
    private readonly Dictionary<int, CaptureTime> _byId = new();
    private readonly Queue<int> _order = new();

    public DnsPendingQueries(int capacity = 256) => _capacity = capacity;

    public int Count => _byId.Count;

    public void Add(int id, CaptureTime ts)
    {
        // A retry with the same id keeps the first time: latency is measured from the first attempt.
        if (_byId.ContainsKey(id)) return;
        while (_byId.Count >= _capacity && _order.Count > 0) _byId.Remove(_order.Dequeue());
        _byId[id] = ts;
        _order.Enqueue(id);
    }

    public CaptureTime? Take(int id)
    {
        if (!_byId.Remove(id, out var ts)) return null;
        if (_order.Count > _capacity * 2) Compact();
        return ts;
    }

    private void Compact()
    {
        var live = _order.Where(_byId.ContainsKey).Distinct().ToList();
        _order.Clear();
        foreach (var id in live) _order.Enqueue(id);
    }
}
