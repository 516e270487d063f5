using System.Text;

namespace MailSniffer.Server.Auth;

/// <summary>RFC 4616 PLAIN message: authzid NUL authcid NUL password.</summary>
public static class SaslPlain
{
    public static bool TryDecode(string base64, out string user, out string password)
    {
        user = password = "";
        if (!TryBase64(base64, out var text)) return false;
        var parts = text.Split('\0');
        if (parts.Length != 3 || parts[1].Length == 0) return false;
        user = parts[1];
        password = parts[2];
        return true;
    }

    public static bool TryBase64(string base64, out string text)
    {
        text = "";
        try
        {
            text = Encoding.UTF8.GetString(Convert.FromBase64String(base64.Trim()));
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    public static string ToBase64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));
}
