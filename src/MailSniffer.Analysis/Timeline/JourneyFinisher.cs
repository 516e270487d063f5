namespace MailSniffer.Analysis.Timeline;

/// <summary>Puts a journey's steps in time order, resolves DNS links to indexes, and computes delays.</summary>
internal static class JourneyFinisher
{
    public static void Finish(Journey journey)
    {
        var sorted = journey.Steps.OrderBy(s => s.Ts.UnixNanoseconds).ThenBy(s => s.Order).ThenBy(s => s.Kind == JourneyStepKind.Dns ? 0 : 1).ToList();
        journey.Steps.Clear();
        journey.Steps.AddRange(sorted);
        for (int i = 0; i < sorted.Count; i++)
            if (sorted[i].LinkedTo is { } target)
                sorted[i].LinkedStep = sorted.IndexOf(target) is >= 0 and var index ? index : null;

        int previous = -1;
        for (int i = 0; i < sorted.Count; i++)
        {
            if (!sorted[i].TsFromWire) continue;
            if (previous >= 0) journey.Delays.Add(new JourneyDelay(previous, i, Math.Round(sorted[i].Ts.SecondsSince(sorted[previous].Ts), 6)));
            previous = i;
        }

        var start = sorted.FirstOrDefault(s => s.TsFromWire && s.Kind == JourneyStepKind.Submission)
                    ?? sorted.FirstOrDefault(s => s.TsFromWire && s.Kind == JourneyStepKind.Relay);
        var retrieval = sorted.FirstOrDefault(s => s.Kind == JourneyStepKind.Retrieval);
        if (start != null && retrieval != null && retrieval.Ts >= start.Ts)
            journey.SubmissionToRetrieval = Math.Round(retrieval.Ts.SecondsSince(start.Ts), 6);
    }
}
