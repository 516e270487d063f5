namespace MailSniffer.Analysis.Timeline;

/// <summary>
/// Decides which sightings are copies of one message. Whole copies join when they share Message-ID and fingerprint
/// (or, lacking a Message-ID, the fingerprint alone); a Message-ID reused with other content starts another journey.
/// Partial copies (TOP, header fetches, cut by a gap) join the journey of their Message-ID, the latest one begun before
/// them when it was reused. A relayed copy whose Received header carries the queue id an earlier server gave in its
/// 250 reply joins that submission even when a server rewrote the message.
/// </summary>
internal static class JourneyGrouper
{
    /// <param name="sightings">In capture order.</param>
    public static List<List<MessageSighting>> Group(IReadOnlyList<MessageSighting> sightings, List<string> notes)
    {
        var sets = new DisjointSet(sightings.Count);
        var byContent = new Dictionary<(string? Id, string Fp), int>();
        var wholeById = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (int i = 0; i < sightings.Count; i++)
        {
            var s = sightings[i];
            if (!s.Whole) continue;
            var key = (s.MessageId, s.Fingerprint.Fingerprint!);
            if (byContent.TryGetValue(key, out int first)) sets.Union(first, i);
            else byContent[key] = i;
            if (s.MessageId == null) continue;
            if (!wholeById.TryGetValue(s.MessageId, out var list)) wholeById[s.MessageId] = list = new List<int>();
            list.Add(i);
        }

        foreach (var (id, list) in wholeById)
        {
            int distinct = list.Select(i => sightings[i].Fingerprint.Fingerprint).Distinct().Count();
            if (distinct > 1)
                notes.Add($"Message-ID <{id}> was used by {distinct} different contents; each is its own journey");
        }

        for (int i = 0; i < sightings.Count; i++)
        {
            var s = sightings[i];
            if (s.Whole || s.MessageId == null || !wholeById.TryGetValue(s.MessageId, out var candidates)) continue;
            int best = candidates.Where(c => sightings[c].Record.Ts <= s.Record.Ts).DefaultIfEmpty(candidates[0]).Last();
            sets.Union(best, i);
        }

        // Partial copies with a Message-ID no whole copy has: join each other.
        var partialById = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < sightings.Count; i++)
        {
            var s = sightings[i];
            if (s.Whole || s.MessageId == null || wholeById.ContainsKey(s.MessageId)) continue;
            if (partialById.TryGetValue(s.MessageId, out int first)) sets.Union(first, i);
            else partialById[s.MessageId] = i;
        }

        JoinByQueueId(sightings, sets);

        var groups = new Dictionary<int, List<MessageSighting>>();
        for (int i = 0; i < sightings.Count; i++)
        {
            int root = sets.Find(i);
            if (!groups.TryGetValue(root, out var g)) groups[root] = g = new List<MessageSighting>();
            g.Add(sightings[i]);
        }
        return groups.OrderBy(g => g.Key).Select(g => g.Value).ToList();
    }

    private static void JoinByQueueId(IReadOnlyList<MessageSighting> sightings, DisjointSet sets)
    {
        var byQueueId = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < sightings.Count; i++)
            if (sightings[i].QueueId is { } q) byQueueId.TryAdd(q, i);
        if (byQueueId.Count == 0) return;
        for (int i = 0; i < sightings.Count; i++)
        {
            foreach (var h in sightings[i].Fingerprint.Received)
            {
                if (h.Id == null || !byQueueId.TryGetValue(h.Id, out int submitted) || submitted == i) continue;
                var a = sightings[submitted];
                var b = sightings[i];
                if (a.Record.Ts > b.Record.Ts) continue;
                // Queue ids are only unique per server; a different Message-ID means a different message.
                if (a.MessageId != null && b.MessageId != null && a.MessageId != b.MessageId) continue;
                sets.Union(submitted, i);
            }
        }
    }
}
