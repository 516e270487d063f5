namespace MailSniffer.Decoders.Imap;

/// <summary>What an AUTHENTICATE exchange revealed: a user and either a password/token or a crackable hash line.</summary>
internal sealed record ImapSaslCredential(string Mechanism, string Username, string? Password, string? Hash);
