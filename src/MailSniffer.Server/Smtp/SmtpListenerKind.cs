namespace MailSniffer.Server.Smtp;

public enum SmtpListenerKind
{
    /// <summary>Port 25: mail from anyone for our own domains; relay only after AUTH.</summary>
    Incoming,
    /// <summary>Port 587: every transaction requires AUTH (RFC 6409).</summary>
    Submission,
}
