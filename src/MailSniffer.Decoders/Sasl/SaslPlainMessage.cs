namespace MailSniffer.Decoders.Sasl;

/// <summary>The PLAIN message (RFC 4616): authzid NUL authcid NUL passwd.</summary>
public static class SaslPlainMessage
{
    public static (string Username, string Password)? Parse(string decoded)
    {
        var parts = decoded.Split('\0');
        if (parts.Length != 3) return null;
        // The authentication identity is the account whose password this is; authzid is whom to act as.
        string user = parts[1].Length > 0 ? parts[1] : parts[0];
        return (user, parts[2]);
    }
}
