namespace MailSniffer.Server.Config;

/// <summary>The authoritative DNS server for the configured domains, also the only resolver the outbound queue asks.</summary>
public sealed class DnsConfig
{
    public bool Enabled { get; set; } = true;
    public string Address { get; set; } = "127.0.0.2";
    public int Port { get; set; } = 5353;
    public int Ttl { get; set; } = 300;
}
