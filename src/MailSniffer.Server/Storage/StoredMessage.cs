namespace MailSniffer.Server.Storage;

/// <summary>One message in a mailbox as the protocols see it; <see cref="Key"/> is private to the store.</summary>
public sealed record StoredMessage(uint Uid, long Size, MessageFlags Flags, DateTimeOffset InternalDate, string Key);
