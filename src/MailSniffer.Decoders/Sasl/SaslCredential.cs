namespace MailSniffer.Decoders.Sasl;

/// <summary>What one SASL exchange revealed: a clear-text secret (PLAIN, LOGIN, XOAUTH2 token) or a crackable hash line.</summary>
public sealed record SaslCredential(string Mechanism, string Username, string? Password, string? Hash);
