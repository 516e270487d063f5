namespace MailSniffer.Server.Config;

/// <summary>How the outbound queue retries and when it gives up and bounces.</summary>
public sealed class QueueConfig
{
    /// <summary>Delay before attempt n+1; the last value repeats.</summary>
    public List<double> RetryDelaysSeconds { get; set; } = [5, 30, 120, 600];
    public int MaxAttempts { get; set; } = 6;
    public double PollIntervalSeconds { get; set; } = 1;
    public int ConnectTimeoutSeconds { get; set; } = 30;
}
