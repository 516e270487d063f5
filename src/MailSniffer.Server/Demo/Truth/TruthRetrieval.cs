namespace MailSniffer.Server.Demo.Truth;

/// <summary>A message read by POP3 (RETR) or IMAP (FETCH BODY[]).</summary>
public sealed class TruthRetrieval
{
    public string Protocol { get; set; } = "";
    public string User { get; set; } = "";
    public string Client { get; set; } = "";
    public string Server { get; set; } = "";
    public string Mailbox { get; set; } = "INBOX";
    public string MessageId { get; set; } = "";
    public bool Encrypted { get; set; }
    public string Time { get; set; } = "";
}
