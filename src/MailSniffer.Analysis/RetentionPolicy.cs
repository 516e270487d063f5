namespace MailSniffer.Analysis;

/// <summary>
/// What the model keeps in memory after it has told its observers. Anything beyond a limit is still counted
/// (<see cref="Model.ModelTotals"/>) and still streamed to observers, only not retained for the end-of-capture report.
/// </summary>
/// <param name="MaxMessages">Message summaries kept (a summary is a few hundred bytes; the content is never kept).</param>
/// <param name="MaxCredentials">Credentials kept.</param>
/// <param name="MaxDnsLookups">Completed DNS look-ups kept.</param>
/// <param name="MaxConversations">Ended conversations kept (open ones are always kept until they end).</param>
/// <param name="TranscriptLinesPerConversation">Transcript lines kept per conversation (the first N).</param>
/// <param name="MaxAnomalies">Anomalies kept.</param>
public sealed record RetentionPolicy(int MaxMessages, int MaxCredentials, int MaxDnsLookups, int MaxConversations,
    int TranscriptLinesPerConversation, int MaxAnomalies)
{
    /// <summary>Enough for any realistic capture's report; bounded so a hostile one cannot exhaust memory.</summary>
    public static readonly RetentionPolicy Report = new(100_000, 100_000, 100_000, 100_000, 24, 10_000);

    /// <summary>Keeps nothing after reporting it: memory depends on open flows only.</summary>
    public static readonly RetentionPolicy Streaming = new(0, 0, 0, 0, 0, 0);
}
