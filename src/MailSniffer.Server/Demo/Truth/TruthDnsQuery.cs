namespace MailSniffer.Server.Demo.Truth;

/// <summary>A question as the DNS server saw it (client endpoint included).</summary>
public sealed class TruthDnsQuery
{
    public string Client { get; set; } = "";
    public string Server { get; set; } = "";
    public string Name { get; set; } = "";
    public string Type { get; set; } = "";
    public List<string> Answers { get; set; } = [];
    public string ReturnCode { get; set; } = "";
    public string Time { get; set; } = "";
}
