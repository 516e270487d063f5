namespace MailSniffer.Server.Demo;

public enum DemoScenario
{
    /// <summary>Submission, MX lookup, relay, POP3 and IMAP retrieval, APPEND to Sent.</summary>
    Full,
    /// <summary>Mail is placed in bob's INBOX without SMTP; bob reads it by POP3 only.</summary>
    Pop3,
    /// <summary>Mail is placed in bob's INBOX without SMTP; bob reads it by IMAP only.</summary>
    Imap,
}
