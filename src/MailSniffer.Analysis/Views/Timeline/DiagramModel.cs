using MailSniffer.Analysis.Timeline;

namespace MailSniffer.Analysis.Views.Timeline;

/// <summary>
/// A journey as lanes and arrows, independent of diagram language: one lane per host (by address; claimed hops that
/// name a known host join its lane), arrows in the direction the message (or the DNS question) travelled. Raw text.
/// </summary>
internal sealed class DiagramModel
{
    public sealed record Lane(string Id, string Title);
    public sealed record Arrow(string From, string To, string Label, bool Dashed, string? Note);

    public List<Lane> Lanes { get; } = new();
    public List<Arrow> Arrows { get; } = new();
    private readonly Dictionary<string, Lane> _byKey = new(StringComparer.OrdinalIgnoreCase);

    public static DiagramModel From(Journey j)
    {
        var d = new DiagramModel();
        foreach (var s in j.Steps.Where(s => s.Kind != JourneyStepKind.Claimed))
        {
            d.LaneFor(s.ClientName, s.Client);
            d.LaneFor(s.ServerName, s.Server);
        }
        for (int i = 0; i < j.Steps.Count; i++)
        {
            var s = j.Steps[i];
            string n = $"{i + 1}. ";
            string client = d.LaneFor(s.ClientName, s.Client).Id;
            string server = d.LaneFor(s.ServerName, s.Server).Id;
            switch (s.Kind)
            {
                case JourneyStepKind.Dns:
                    d.Arrows.Add(new Arrow(client, server, n + "DNS " + s.Query, false, null));
                    d.Arrows.Add(new Arrow(server, client, string.Join(", ", s.Answers), true, null));
                    break;
                case JourneyStepKind.Retrieval:
                    d.Arrows.Add(new Arrow(server, client, n + Label(s), false, Note(s)));
                    break;
                case JourneyStepKind.Claimed:
                    d.Arrows.Add(new Arrow(client, server, n + Label(s), true, "claimed by a Received header, not seen on the wire"));
                    break;
                default:
                    d.Arrows.Add(new Arrow(client, server, n + Label(s), false, Note(s)));
                    break;
            }
        }
        return d;
    }

    private static string Label(JourneyStep s)
    {
        var parts = new List<string> { $"{s.Protocol.ToUpperInvariant()} {s.Kind.ToJsonName()}" };
        if (s.Source != null && s.Kind != JourneyStepKind.Claimed) parts[0] += " " + s.Source;
        if (s.Kind == JourneyStepKind.Claimed && s.Source != null) parts[0] += " with " + s.Source;
        if (s.AuthMechanism != null) parts.Add((s.Protocol == "smtp" ? "AUTH " : "login ") + s.AuthMechanism + (s.User != null ? $" as {s.User}" : ""));
        else if (s.User != null) parts.Add($"user {s.User}");
        if (s.Mailbox != null) parts.Add($"mailbox {s.Mailbox}");
        if (s.Kind != JourneyStepKind.Claimed) parts.Add(s.Encrypted ? "encrypted" : "clear text");
        if (s.QueueId != null) parts.Add($"queued as {s.QueueId}");
        return string.Join(", ", parts);
    }

    private static string? Note(JourneyStep s) =>
        s.Encrypted ? $"TLS ({s.TlsKind}): contents unseen" + (s.Confidence != null ? $", linked with {s.Confidence} confidence" : "") : null;

    private Lane LaneFor(string? name, string? endpoint)
    {
        string key = HostLabel.LaneKey(name, endpoint);
        if (_byKey.TryGetValue(key, out var lane)) return lane;
        if (name != null && _byKey.TryGetValue(name, out lane)) return lane;
        lane = new Lane("H" + (Lanes.Count + 1), HostLabel.LaneTitle(name, endpoint));
        Lanes.Add(lane);
        _byKey[key] = lane;
        if (name != null) _byKey.TryAdd(name, lane);
        return lane;
    }
}
