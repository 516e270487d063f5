namespace MailSniffer.Server.Auth;

/// <summary>An authenticated or addressable mailbox owner of one domain.</summary>
public sealed record MailUser(string Name, string Domain, string? PasswordHash, string? SharedSecret)
{
    public string Address => $"{Name}@{Domain}";
}
