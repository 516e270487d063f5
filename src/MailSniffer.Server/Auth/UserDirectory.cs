using System.Security.Cryptography;
using System.Text;
using MailSniffer.Server.Config;

namespace MailSniffer.Server.Auth;

/// <summary>The users of one domain and the checks each authentication mechanism needs.</summary>
public sealed class UserDirectory
{
    private readonly Dictionary<string, MailUser> _users = new(StringComparer.OrdinalIgnoreCase);

    public UserDirectory(DomainConfig domain)
    {
        Domain = domain.Name;
        foreach (var u in domain.Users)
            _users[u.Name] = new MailUser(u.Name, domain.Name, u.PasswordHash, u.SharedSecret);
    }

    public string Domain { get; }

    /// <summary>
    /// Challenge mechanisms (CRAM-MD5, APOP) are advertised only when every user could pass them: clients such
    /// as curl and Python pick the strongest advertised mechanism and do not fall back when it fails.
    /// </summary>
    public bool AllHaveSharedSecrets => _users.Count > 0 && _users.Values.All(u => u.SharedSecret is not null);

    /// <summary>Accepts "alice" or "alice@domain".</summary>
    public MailUser? Find(string login)
    {
        var at = login.LastIndexOf('@');
        if (at >= 0)
        {
            if (!login[(at + 1)..].Equals(Domain, StringComparison.OrdinalIgnoreCase)) return null;
            login = login[..at];
        }
        return _users.GetValueOrDefault(login);
    }

    public MailUser? VerifyPassword(string login, string password)
    {
        var user = Find(login);
        if (user is null) return null;
        if (user.PasswordHash is not null) return PasswordHasher.Verify(password, user.PasswordHash) ? user : null;
        return user.SharedSecret is not null && FixedEquals(user.SharedSecret, password) ? user : null;
    }

    /// <summary>APOP (RFC 1939 7): MD5 of the greeting timestamp followed by the shared secret.</summary>
    public MailUser? VerifyApop(string login, string timestamp, string hexDigest)
    {
        var user = Find(login);
        if (user?.SharedSecret is null) return null;
        var expected = Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(timestamp + user.SharedSecret)));
        return FixedEquals(expected, hexDigest.ToLowerInvariant()) ? user : null;
    }

    /// <summary>CRAM-MD5 (RFC 2195): HMAC-MD5 of the challenge keyed by the shared secret.</summary>
    public MailUser? VerifyCramMd5(string login, string challenge, string hexDigest)
    {
        var user = Find(login);
        if (user?.SharedSecret is null) return null;
        var expected = Convert.ToHexStringLower(HMACMD5.HashData(Encoding.UTF8.GetBytes(user.SharedSecret), Encoding.UTF8.GetBytes(challenge)));
        return FixedEquals(expected, hexDigest.ToLowerInvariant()) ? user : null;
    }

    private static bool FixedEquals(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(a), Encoding.UTF8.GetBytes(b));
}
