namespace MailSniffer.Server.Storage;

/// <summary>
/// Mailboxes of one domain's users. Append returns only once the message is durable,
/// so a protocol may acknowledge it (SMTP 250, IMAP OK) right after.
/// </summary>
public interface IMailStore
{
    public const string Inbox = "INBOX";
    public const string Sent = "Sent";

    Task<StoredMessage> AppendAsync(string user, string mailbox, ReadOnlyMemory<byte> content, MessageFlags flags, DateTimeOffset internalDate, CancellationToken ct);

    /// <summary>Messages ordered by UID.</summary>
    IReadOnlyList<StoredMessage> List(string user, string mailbox);

    byte[] Read(string user, string mailbox, uint uid);

    StoredMessage? SetFlags(string user, string mailbox, uint uid, MessageFlags flags);

    void Delete(string user, string mailbox, uint uid);

    uint UidValidity(string user, string mailbox);

    uint UidNext(string user, string mailbox);

    /// <summary>Raised after a message is appended, so IDLE sessions can announce EXISTS.</summary>
    event Action<string, string>? MailboxChanged;
}
