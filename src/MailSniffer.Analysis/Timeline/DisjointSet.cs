namespace MailSniffer.Analysis.Timeline;

/// <summary>Union-find over 0..n-1 with path halving; used to join sightings of one message.</summary>
internal sealed class DisjointSet
{
    private readonly int[] _parent;

    public DisjointSet(int count)
    {
        _parent = new int[count];
        for (int i = 0; i < count; i++) _parent[i] = i;
    }

    public int Find(int x)
    {
        while (_parent[x] != x)
        {
            _parent[x] = _parent[_parent[x]];
            x = _parent[x];
        }
        return x;
    }

    public void Union(int a, int b)
    {
        int ra = Find(a), rb = Find(b);
        if (ra == rb) return;
        // The smaller index stays the root, so a group is named by its earliest sighting.
        if (ra < rb) _parent[rb] = ra;
        else _parent[ra] = rb;
    }
}
