namespace MailSniffer.Server.Demo.Truth;

public sealed class TruthLookup
{
    public string Name { get; set; } = "";
    public string Type { get; set; } = "";
    public List<string> Answers { get; set; } = [];
    public string Time { get; set; } = "";
}
