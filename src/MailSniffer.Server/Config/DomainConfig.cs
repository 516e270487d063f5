namespace MailSniffer.Server.Config;

/// <summary>One mail domain and the server (MX host) that serves it.</summary>
public sealed class DomainConfig
{
    public string Name { get; set; } = "";
    /// <summary>Host name of this domain's MX, published in DNS and used in greetings and Received headers.</summary>
    public string MxHost { get; set; } = "";
    /// <summary>Address all of this domain's listeners bind to and the MX host's A/AAAA record.</summary>
    public string Address { get; set; } = "127.0.1.1";
    /// <summary>Port 25-style incoming SMTP; 0 disables.</summary>
    public int SmtpPort { get; set; } = 2525;
    /// <summary>Port 587-style submission that requires AUTH; 0 disables.</summary>
    public int SubmissionPort { get; set; } = 5587;
    public int Pop3Port { get; set; } = 1110;
    public int ImapPort { get; set; } = 1143;
    /// <summary>Port the outbound queue connects to on remote MX hosts (25 in the real world).</summary>
    public int RelayPort { get; set; } = 2525;
    /// <summary>Refuse AUTH before STARTTLS. Off by default because showing plaintext credentials on the wire is the point of the demo.</summary>
    public bool RequireTlsForAuth { get; set; }
    public List<UserConfig> Users { get; set; } = [];
}
