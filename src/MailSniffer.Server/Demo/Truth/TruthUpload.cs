namespace MailSniffer.Server.Demo.Truth;

/// <summary>A message stored by IMAP APPEND.</summary>
public sealed class TruthUpload
{
    public string Protocol { get; set; } = "IMAP";
    public string User { get; set; } = "";
    public string Client { get; set; } = "";
    public string Server { get; set; } = "";
    public string Mailbox { get; set; } = "";
    public string MessageId { get; set; } = "";
    public long Size { get; set; }
    public string Time { get; set; } = "";
}
