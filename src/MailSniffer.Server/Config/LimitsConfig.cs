namespace MailSniffer.Server.Config;

/// <summary>Per-connection protections that apply to every protocol.</summary>
public sealed class LimitsConfig
{
    public int MaxMessageBytes { get; set; } = 10 * 1024 * 1024;
    /// <summary>RFC 5321 4.5.3.1.4: a command line is at most 512 octets including CRLF.</summary>
    public int MaxCommandLineBytes { get; set; } = 512;
    /// <summary>RFC 5321 4.5.3.1.6 allows 1000 octets per text line; we tolerate more because real clients exceed it.</summary>
    public int MaxDataLineBytes { get; set; } = 8192;
    /// <summary>IMAP command lines can carry long sequence sets and search keys.</summary>
    public int MaxImapLineBytes { get; set; } = 16384;
    public int MaxRecipients { get; set; } = 100;
    public int MaxConnectionsPerListener { get; set; } = 200;
    public int IdleTimeoutSeconds { get; set; } = 300;
    public int MaxAuthFailures { get; set; } = 3;
    public int MaxBadCommands { get; set; } = 20;
}
