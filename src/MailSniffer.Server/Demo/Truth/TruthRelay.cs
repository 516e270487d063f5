namespace MailSniffer.Server.Demo.Truth;

/// <summary>One MTA-to-MTA hop and the DNS look-ups that chose its destination.</summary>
public sealed class TruthRelay
{
    public string? MessageId { get; set; }
    public string FromServer { get; set; } = "";
    public string FromEndPoint { get; set; } = "";
    public string ToServer { get; set; } = "";
    public string ToEndPoint { get; set; } = "";
    public List<string> Recipients { get; set; } = [];
    public List<TruthLookup> Lookups { get; set; } = [];
    public bool Succeeded { get; set; }
    public string Started { get; set; } = "";
    public string Finished { get; set; } = "";
}
