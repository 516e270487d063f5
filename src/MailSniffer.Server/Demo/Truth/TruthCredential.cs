namespace MailSniffer.Server.Demo.Truth;

/// <summary>A login the demo performed; the password is the demo's own, published in docs/server.md.</summary>
public sealed class TruthCredential
{
    public string Protocol { get; set; } = "";
    public string Mechanism { get; set; } = "";
    public string User { get; set; } = "";
    public string Password { get; set; } = "";
    public string Client { get; set; } = "";
    public string Server { get; set; } = "";
    public bool Encrypted { get; set; }
    public string Time { get; set; } = "";
}
