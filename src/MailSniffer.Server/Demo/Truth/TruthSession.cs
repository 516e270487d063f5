namespace MailSniffer.Server.Demo.Truth;

/// <summary>One client connection: endpoints, who authenticated how, whether it was encrypted, when.</summary>
public sealed class TruthSession
{
    public string Protocol { get; set; } = "";
    public string Client { get; set; } = "";
    public string Server { get; set; } = "";
    public string? ServerName { get; set; }
    public string? User { get; set; }
    public string? Mechanism { get; set; }
    public bool Encrypted { get; set; }
    public string Started { get; set; } = "";
    public string Finished { get; set; } = "";
}
