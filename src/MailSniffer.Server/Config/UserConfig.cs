namespace MailSniffer.Server.Config;

/// <summary>
/// A mailbox owner. <see cref="PasswordHash"/> (PBKDF2) serves USER/PASS, LOGIN and AUTH PLAIN/LOGIN.
/// APOP and CRAM-MD5 prove knowledge of the shared secret itself, so a user who needs them must have
/// <see cref="SharedSecret"/> in clear; users without it simply cannot use those mechanisms.
/// </summary>
public sealed class UserConfig
{
    /// <summary>Local part; the address is Name@domain.</summary>
    public string Name { get; set; } = "";
    /// <summary>"pbkdf2-sha256$iterations$salt-base64$hash-base64" (see <c>mailsniffer serve --hash-password</c>).</summary>
    public string? PasswordHash { get; set; }
    /// <summary>Clear-text secret, needed only for APOP and CRAM-MD5.</summary>
    public string? SharedSecret { get; set; }
}
