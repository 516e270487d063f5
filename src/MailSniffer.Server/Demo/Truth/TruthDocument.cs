namespace MailSniffer.Server.Demo.Truth;

/// <summary>Everything the demo did, for checking what an analyzer reconstructs from the capture. Schema in docs/server.md.</summary>
public sealed class TruthDocument
{
    public int SchemaVersion { get; set; } = 1;
    public string Scenario { get; set; } = "";
    public string Started { get; set; } = "";
    public string Finished { get; set; } = "";
    public string? Capture { get; set; }
    public Dictionary<string, string> Hosts { get; set; } = [];
    public List<TruthMessage> Messages { get; set; } = [];
    public List<TruthRelay> Relays { get; set; } = [];
    public List<TruthDnsQuery> DnsQueries { get; set; } = [];
    public List<TruthRetrieval> Retrievals { get; set; } = [];
    public List<TruthUpload> Uploads { get; set; } = [];
    public List<TruthCredential> Credentials { get; set; } = [];
}
