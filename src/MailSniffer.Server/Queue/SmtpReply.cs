namespace MailSniffer.Server.Queue;

/// <summary>A (possibly multi-line) SMTP reply as the relay client read it.</summary>
public readonly record struct SmtpReply(int Code, string Text)
{
    public bool IsPositive => Code is >= 200 and < 400;
    public bool IsPermanentFailure => Code is >= 500 and < 600;
}
