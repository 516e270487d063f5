namespace MailSniffer.Analysis.Model;

/// <summary>What makes two credential sightings the same one.</summary>
internal readonly record struct CredentialKey(long Flow, string Mechanism, string Username, string? Password, string? Hash);
