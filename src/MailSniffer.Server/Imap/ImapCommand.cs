namespace MailSniffer.Server.Imap;

/// <summary>A parsed command: tag, upper-cased name and its arguments.</summary>
public sealed record ImapCommand(string Tag, string Name, IReadOnlyList<ImapToken> Args);
