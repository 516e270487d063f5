namespace MailSniffer.Server.Storage;

/// <summary>One in-memory mailbox: messages by UID and the next UID to assign.</summary>
internal sealed class MemoryMailbox
{
    public uint UidNext = 1;
    public readonly SortedDictionary<uint, (StoredMessage Meta, byte[] Content)> Messages = new();
}
