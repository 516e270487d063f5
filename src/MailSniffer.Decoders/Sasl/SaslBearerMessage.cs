namespace MailSniffer.Decoders.Sasl;

/// <summary>
/// XOAUTH2 (<c>user=U ^A auth=Bearer T ^A ^A</c>) and OAUTHBEARER (RFC 7628: <c>n,a=U, ^A auth=Bearer T ^A ^A</c>):
/// the bearer token is the secret.
/// </summary>
public static class SaslBearerMessage
{
    public static (string Username, string Token)? Parse(string decoded)
    {
        string? user = null, token = null;
        foreach (var field in decoded.Split('\x01'))
        {
            if (field.StartsWith("user=", StringComparison.OrdinalIgnoreCase)) user = field[5..];
            else if (field.StartsWith("auth=", StringComparison.OrdinalIgnoreCase))
            {
                var value = field[5..].Trim();
                token = value.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? value[7..].Trim() : value;
            }
            else if (field.StartsWith("n,", StringComparison.Ordinal) || field.StartsWith("y,", StringComparison.Ordinal))
            {
                foreach (var attr in field.Split(','))
                    if (attr.StartsWith("a=", StringComparison.Ordinal)) user = attr[2..].Replace("=2C", ",").Replace("=3D", "=");
            }
        }
        return token == null ? null : (user ?? "", token);
    }
}
