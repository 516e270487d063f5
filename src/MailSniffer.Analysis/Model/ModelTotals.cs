namespace MailSniffer.Analysis.Model;

/// <summary>Everything the model saw, counted whether or not it was retained.</summary>
public sealed class ModelTotals
{
    public long Flows { get; internal set; }
    public long Events { get; internal set; }
    public long Messages { get; internal set; }
    public long IncompleteMessages { get; internal set; }
    public long MessageParseErrors { get; internal set; }
    public long MessageBytes { get; internal set; }
    public long Credentials { get; internal set; }
    public long DnsLookups { get; internal set; }
    public long EncryptedFlows { get; internal set; }
    public long Anomalies { get; internal set; }
    /// <summary>Items seen but not retained because of the retention policy.</summary>
    public long NotRetained { get; internal set; }
}
