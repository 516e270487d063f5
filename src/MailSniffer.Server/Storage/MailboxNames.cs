namespace MailSniffer.Server.Storage;

/// <summary>Mailbox names are fixed (INBOX, Sent); anything else is refused so a name never becomes a path.</summary>
public static class MailboxNames
{
    public static IReadOnlyList<string> All { get; } = [IMailStore.Inbox, IMailStore.Sent];

    public static string? Normalize(string name)
    {
        if (name.Equals(IMailStore.Inbox, StringComparison.OrdinalIgnoreCase)) return IMailStore.Inbox;
        if (name.Equals(IMailStore.Sent, StringComparison.OrdinalIgnoreCase)) return IMailStore.Sent;
        return null;
    }
}
