namespace MailSniffer.Decoders.Smtp;

/// <summary>A RCPT TO address and what the server said of it (null until its reply is seen).</summary>
internal sealed class SmtpRecipient(string address)
{
    public string Address { get; } = address;
    public bool? Accepted { get; set; }
}
