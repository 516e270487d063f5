namespace MailSniffer.Server.Storage;

/// <summary>IMAP system flags; Maildir stores them as info letters (S, R, F, T, D).</summary>
[Flags]
public enum MessageFlags
{
    None = 0,
    Seen = 1,
    Answered = 2,
    Flagged = 4,
    Deleted = 8,
    Draft = 16,
}
