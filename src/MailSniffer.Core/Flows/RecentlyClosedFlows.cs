namespace MailSniffer.Core.Flows;

/// <summary>
/// Remembers the last N closed connections so that trailing packets (the last ACK, a RST after FIN, a retransmitted FIN)
/// are counted to the connection they belong to rather than opening a bogus new one. Bounded.
/// </summary>
public sealed class RecentlyClosedFlows
{
    private readonly int _capacity;
    private readonly Dictionary<FlowKey, FlowInfo> _map = new();
    private readonly Queue<FlowKey> _order = new();

    public RecentlyClosedFlows(int capacity = 65_536) => _capacity = capacity;

    public void Add(FlowKey key, FlowInfo info)
    {
        if (_map.TryAdd(key, info)) _order.Enqueue(key);
        else _map[key] = info;
        while (_order.Count > _capacity) _map.Remove(_order.Dequeue());
    }

    public bool TryGet(FlowKey key, out FlowInfo? info)
    {
        info = null;
        return _map.Count > 0 && _map.TryGetValue(key, out info);
    }

    public void Forget(FlowKey key) => _map.Remove(key);
}
