namespace MailSniffer.Analysis.Timeline;

public static class JourneyStepKindNames
{
    /// <summary>The name used in JSON (docs/json-journey.md).</summary>
    public static string ToJsonName(this JourneyStepKind kind) => kind switch
    {
        JourneyStepKind.Submission => "submission",
        JourneyStepKind.Dns => "dns",
        JourneyStepKind.Relay => "relay",
        JourneyStepKind.Retrieval => "retrieval",
        JourneyStepKind.Upload => "upload",
        _ => "claimed",
    };
}
