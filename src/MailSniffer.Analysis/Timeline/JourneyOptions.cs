namespace MailSniffer.Analysis.Timeline;

/// <summary>Windows used to link steps by timing, and bounds on what the builder keeps.</summary>
public sealed record JourneyOptions
{
    /// <summary>How long before a relay its MX and address look-ups may have been made.</summary>
    public double DnsWindowSeconds { get; init; } = 60;

    /// <summary>How long after an encrypted session a clear-text relay may carry the message it submitted.</summary>
    public double EncryptedLinkWindowSeconds { get; init; } = 600;

    /// <summary>Below this gap (seconds) between an encrypted session's end and the relay, timing counts as close.</summary>
    public double CloseTimingSeconds { get; init; } = 60;

    public int MaxSightings { get; init; } = 100_000;
    public int MaxFlows { get; init; } = 100_000;
    public int MaxDnsLookups { get; init; } = 100_000;

    /// <summary>Characters of Received headers kept over the whole capture; beyond it, copies keep their fingerprint but not their chain.</summary>
    public long MaxReceivedChars { get; init; } = 32_000_000;
}
