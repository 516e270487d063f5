namespace MailSniffer.Analysis.Timeline.Truth;

/// <summary>How journeys compare with what the demo says it did: what was found, what is missing, what was invented.</summary>
public sealed class TruthComparison
{
    public List<string> Found { get; } = new();
    public List<string> Missing { get; } = new();
    public List<string> Invented { get; } = new();

    public bool Exact => Missing.Count == 0 && Invented.Count == 0;

    public override string ToString() =>
        $"found {Found.Count}, missing {Missing.Count}, invented {Invented.Count}" +
        string.Concat(Missing.Select(m => "\n  missing: " + m)) + string.Concat(Invented.Select(i => "\n  invented: " + i));
}
