using MailSniffer.Analysis.Model;
using MailSniffer.Analysis.Timeline;

namespace MailSniffer.Analysis.Exposure;

/// <summary>Works out, for one journey, what crossed in clear text and on which steps.</summary>
internal static class JourneyExposureAnalyzer
{
    public static JourneyExposure Analyze(Journey journey, IReadOnlyDictionary<long, FlowFacts> flows)
    {
        var credentials = new List<Credential>();
        var addresses = new SortedSet<string>(StringComparer.OrdinalIgnoreCase);
        var subject = new List<int>();
        var body = new List<int>();
        var attachments = new Dictionary<string, ExposedAttachment>();
        var clear = new List<int>();
        var encrypted = new List<int>();
        var seenFlows = new HashSet<long>();
        for (int i = 0; i < journey.Steps.Count; i++)
        {
            var s = journey.Steps[i];
            if (s.Kind == JourneyStepKind.Claimed) continue;
            if (s.Encrypted) { encrypted.Add(i); continue; }
            clear.Add(i);
            if (s.Flow is { } flowId && s.Kind != JourneyStepKind.Dns && seenFlows.Add(flowId)
                && (s.FlowFacts ?? flows.GetValueOrDefault(flowId)) is { } facts)
                credentials.AddRange(facts.Credentials);
            if (s.MailFrom is { Length: > 0 } from) addresses.Add(from);
            foreach (var r in s.RcptTo) addresses.Add(r);
            if (s.Sighting is not { } sighting) continue;
            var summary = sighting.Record.Summary;
            if (summary.From != null) addresses.Add(summary.From);
            foreach (var a in summary.To.Concat(summary.Cc)) addresses.Add(a);
            if (summary.Subject != null) subject.Add(i);
            if (!sighting.Record.Partial || summary.Preview != null) body.Add(i);
            foreach (var a in summary.Attachments) attachments.TryAdd(a.Sha256 + a.FileName, new ExposedAttachment(a.FileName, a.ContentType, a.Size, a.Sha256));
        }
        return new JourneyExposure(credentials, addresses.ToList(), subject, body, attachments.Values.ToList(), clear, encrypted);
    }
}
