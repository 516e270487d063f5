namespace MailSniffer.Server.Config;

/// <summary>The whole mail system: its domains, the DNS server they share, limits and storage.</summary>
public sealed class MailSystemConfig
{
    /// <summary>Root of the Maildirs, the outbound queues and the generated TLS certificates.</summary>
    public string DataDirectory { get; set; } = "mailsniffer-data";

    /// <summary>Keep mail in memory only (demos); nothing survives a restart.</summary>
    public bool InMemory { get; set; }

    /// <summary>Allow listening on non-loopback addresses. Off by default so a lab box never exposes a mail server by accident.</summary>
    public bool AllowNonLoopback { get; set; }

    public DnsConfig Dns { get; set; } = new();

    public LimitsConfig Limits { get; set; } = new();

    public QueueConfig Queue { get; set; } = new();

    public List<DomainConfig> Domains { get; set; } = [];
}
