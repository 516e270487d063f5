namespace MailSniffer.Server.Imap;

/// <summary>The client sent something that is not IMAP syntax; answered with BAD, the session continues.</summary>
public sealed class ImapParseException(string message) : Exception(message);
