using System.Text.Json;

namespace MailSniffer.Analysis.Timeline.Truth;

/// <summary>
/// Checks journeys against the ground truth `mailsniffer demo` writes beside its capture (schema in docs/server.md):
/// every submission, relay, DNS look-up of a relay, retrieval and upload must be a step of the journey of its
/// Message-ID, with the same endpoints; every wire step of a journey must be in the truth. Encrypted steps are checked
/// by endpoints only (their content, and so their message, is inferred). Claimed steps are not wire facts and are
/// neither required nor counted as invented. The truth lists whole retrievals (RETR, FETCH BODY[]); a partial one
/// (TOP, header fetch) is accepted when its session (client and server) is one the truth lists a retrieval on.
/// </summary>
public static class JourneyTruthComparer
{
    public static TruthComparison Compare(string truthJson, IReadOnlyList<Journey> journeys)
    {
        using var doc = JsonDocument.Parse(truthJson);
        return Compare(doc.RootElement, journeys);
    }

    public static TruthComparison Compare(JsonElement truth, IReadOnlyList<Journey> journeys)
    {
        var result = new TruthComparison();
        var byId = journeys.Where(j => j.MessageId != null).GroupBy(j => j.MessageId!).ToDictionary(g => g.Key, g => g.ToList());
        var expected = new HashSet<(string Id, JourneyStepKind Kind, string Client, string Server)>();
        var expectedDns = new HashSet<(string Id, string Query)>();

        foreach (var m in Array(truth, "messages"))
        {
            string id = Id(Str(m, "messageId"));
            if (!byId.ContainsKey(id)) { result.Missing.Add($"journey of <{id}>"); continue; }
            result.Found.Add($"journey of <{id}>");
            if (m.TryGetProperty("submission", out var sub) && sub.ValueKind == JsonValueKind.Object)
                Expect(result, byId, expected, id, JourneyStepKind.Submission, Str(sub, "client"), Str(sub, "server"), Bool(sub, "encrypted"), Opt(sub, "user"));
        }
        foreach (var r in Array(truth, "relays"))
        {
            string id = Id(Opt(r, "messageId") ?? "");
            if (!Bool(r, "succeeded") || id.Length == 0) continue;
            var relay = Expect(result, byId, expected, id, JourneyStepKind.Relay, Str(r, "fromEndPoint"), Str(r, "toEndPoint"), null, null);
            foreach (var l in Array(r, "lookups"))
            {
                string query = $"{Str(l, "type")} {Str(l, "name")}";
                expectedDns.Add((id, query));
                var journey = byId.GetValueOrDefault(id)?.FirstOrDefault(j => relay == null || j.Steps.Contains(relay));
                var dns = journey?.Steps.FirstOrDefault(s => s.Kind == JourneyStepKind.Dns && string.Equals(s.Query, query, StringComparison.OrdinalIgnoreCase));
                if (dns == null) result.Missing.Add($"DNS {query} before the relay of <{id}>");
                else result.Found.Add($"DNS {query} before the relay of <{id}>");
            }
        }
        foreach (var r in Array(truth, "retrievals"))
            Expect(result, byId, expected, Id(Str(r, "messageId")), JourneyStepKind.Retrieval, Str(r, "client"), Str(r, "server"), Bool(r, "encrypted"), Opt(r, "user"));
        foreach (var u in Array(truth, "uploads"))
            Expect(result, byId, expected, Id(Str(u, "messageId")), JourneyStepKind.Upload, Str(u, "client"), Str(u, "server"), null, Opt(u, "user"));

        var retrievalSessions = Array(truth, "retrievals").Select(r => (Str(r, "client"), Str(r, "server"))).ToHashSet();
        foreach (var j in journeys)
        {
            if (j.MessageId == null || !byId.ContainsKey(j.MessageId) || !Array(truth, "messages").Any(m => Id(Str(m, "messageId")) == j.MessageId))
            {
                result.Invented.Add($"journey {j.Number} <{j.MessageId ?? "no Message-ID"}> is not a message of the demo");
                continue;
            }
            foreach (var s in j.Steps)
            {
                if (s.Kind == JourneyStepKind.Claimed) continue;
                if (s.Kind == JourneyStepKind.Dns)
                {
                    if (!expectedDns.Contains((j.MessageId, s.Query ?? ""))) result.Invented.Add($"DNS {s.Query} in the journey of <{j.MessageId}>");
                    continue;
                }
                if (s.Kind == JourneyStepKind.Retrieval && s.PartialContent && retrievalSessions.Contains((s.Client ?? "", s.Server ?? ""))) continue;
                if (!expected.Contains((j.MessageId, s.Kind, s.Client ?? "", s.Server ?? "")))
                    result.Invented.Add($"{s.Kind.ToJsonName()} {s.Client} -> {s.Server} in the journey of <{j.MessageId}>");
            }
        }
        return result;
    }

    private static JourneyStep? Expect(TruthComparison result, Dictionary<string, List<Journey>> byId,
        HashSet<(string, JourneyStepKind, string, string)> expected, string id, JourneyStepKind kind, string client, string server, bool? encrypted, string? user)
    {
        expected.Add((id, kind, client, server));
        string what = $"{kind.ToJsonName()} {client} -> {server} of <{id}>";
        var step = byId.GetValueOrDefault(id)?.SelectMany(j => j.Steps).FirstOrDefault(s => s.Kind == kind && s.Client == client && s.Server == server);
        if (step == null) { result.Missing.Add(what); return null; }
        if (encrypted is { } e && step.Encrypted != e) { result.Missing.Add($"{what}: encrypted should be {e}"); return step; }
        // A login name seen on the wire must be the one the demo used (the wire may carry alice or alice@a.test).
        if (user != null && step.User != null && !step.User.StartsWith(user, StringComparison.OrdinalIgnoreCase))
        {
            result.Missing.Add($"{what}: user {step.User} should be {user}");
            return step;
        }
        result.Found.Add(what);
        return step;
    }

    private static IEnumerable<JsonElement> Array(JsonElement e, string name) =>
        e.TryGetProperty(name, out var a) && a.ValueKind == JsonValueKind.Array ? a.EnumerateArray() : Enumerable.Empty<JsonElement>();

    private static string Str(JsonElement e, string name) => Opt(e, name) ?? "";

    private static string? Opt(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static bool Bool(JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.True;

    private static string Id(string messageId) => messageId.Trim().TrimStart('<').TrimEnd('>');
}
