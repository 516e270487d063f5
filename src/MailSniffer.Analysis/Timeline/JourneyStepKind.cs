namespace MailSniffer.Analysis.Timeline;

/// <summary>What one step of a journey was. Claimed steps come from Received headers, not from the wire.</summary>
public enum JourneyStepKind
{
    Submission,
    Dns,
    Relay,
    Retrieval,
    Upload,
    Claimed,
}
