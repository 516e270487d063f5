using MailSniffer.Decoders.Events;

namespace MailSniffer.Analysis.Model;

/// <summary>
/// Joins DNS queries with their answers by (flow, id). A look-up is closed when its flow ends, when the same id is
/// reused for a new question after an answer, or when too many are open (oldest first).
/// </summary>
internal sealed class DnsLookupTracker
{
    private readonly Dictionary<(long Flow, int Id), DnsLookup> _open = new();
    private readonly Queue<(long Flow, int Id)> _order = new();
    /// <summary>Open ids per flow: a flow's end must not scan every open look-up (UDP flows mostly end together at capture end).</summary>
    private readonly Dictionary<long, List<int>> _idsByFlow = new();
    private readonly int _maxOpen;
    private readonly Action<DnsLookup> _closed;

    public DnsLookupTracker(int maxOpen, Action<DnsLookup> closed)
    {
        _maxOpen = Math.Max(1, maxOpen);
        _closed = closed;
    }

    internal int OpenCount => _open.Count;
    internal int QueuedKeys => _order.Count;

    public void Query(DnsQueryEvent q, Conversation c)
    {
        var key = (q.Flow, q.Id);
        if (_open.TryGetValue(key, out var existing))
        {
            if (!existing.Answered && existing.Name == q.Name) { existing.Retries++; return; }
            Close(key);
        }
        Open(key, new DnsLookup(q.Flow, q.Id, q.Name, q.QType, q.Ts, c.Flow?.Client.ToString(), c.Flow?.Server.ToString()));
    }

    public void Answer(DnsAnswerEvent a, Conversation c)
    {
        var key = (a.Flow, a.Id);
        if (!_open.TryGetValue(key, out var lookup))
        {
            lookup = new DnsLookup(a.Flow, a.Id, a.Name, null, null, c.Flow?.Client.ToString(), c.Flow?.Server.ToString());
            Open(key, lookup);
        }
        DnsAnswer? answer = a.RType == null ? null : new DnsAnswer(a.Name, a.RType, a.Data ?? "", a.Ttl, a.Section);
        lookup.AddResponse(a.Ts, a.Rcode, answer);
    }

    public void FlowEnded(long flow)
    {
        if (!_idsByFlow.TryGetValue(flow, out var ids)) return;
        if (ids.Count == 1) { Close((flow, ids[0])); return; }
        // Several: closed in the dictionary's order, as they always were (observers see them in this order).
        foreach (var key in _open.Keys.Where(k => k.Flow == flow).ToList()) Close(key);
    }

    /// <summary>Closes every look-up that has its answer (live capture: see <see cref="CaptureModel.CloseAnsweredDnsLookups"/>).</summary>
    public void CloseAnswered()
    {
        foreach (var key in _open.Where(kv => kv.Value.Answered).Select(kv => kv.Key).ToList()) Close(key);
    }

    public void CloseAll()
    {
        while (_order.Count > 0) Close(_order.Peek());
    }

    private void Open((long, int) key, DnsLookup lookup)
    {
        while (_open.Count >= _maxOpen && _order.Count > 0) Close(_order.Peek());
        _open[key] = lookup;
        if (!_idsByFlow.TryGetValue(key.Item1, out var ids)) _idsByFlow[key.Item1] = ids = new List<int>(1);
        ids.Add(key.Item2);
        _order.Enqueue(key);
        if (_order.Count > 2 * _maxOpen + 16) Compact();
    }

    /// <summary>Drops queue entries of look-ups already closed behind a long-lived one, so the queue stays bounded.</summary>
    private void Compact()
    {
        var live = _order.Where(_open.ContainsKey).Distinct().ToList();
        _order.Clear();
        foreach (var k in live) _order.Enqueue(k);
    }

    private void Close((long, int) key)
    {
        if (_open.Remove(key, out var lookup))
        {
            var ids = _idsByFlow[key.Item1];
            ids.Remove(key.Item2);
            if (ids.Count == 0) _idsByFlow.Remove(key.Item1);
            _closed(lookup);
        }
        // Keys closed out of order stay queued until they reach the front; skip them there.
        while (_order.Count > 0 && !_open.ContainsKey(_order.Peek())) _order.Dequeue();
    }
}
