using System.Text;

namespace MailSniffer.Decoders.Imap;

/// <summary>
/// One AUTHENTICATE exchange: the server's "+ " challenges and the client's base64 lines, in order. Kept small and
/// IMAP-local on purpose (the shared SASL helpers live with the SMTP/POP3 decoders and will be unified at merge).
/// </summary>
internal sealed class ImapSaslExchange
{
    private const int MaxSteps = 16;

    private readonly List<string> _challenges = new();
    private readonly List<(string Response, int ChallengesBefore)> _responses = new();

    public ImapSaslExchange(string tag, string mechanism, string? initialResponse)
    {
        Tag = tag;
        Mechanism = mechanism.ToUpperInvariant();
        if (initialResponse != null) _responses.Add((initialResponse, 0));
    }

    public string Tag { get; }
    public string Mechanism { get; }
    public bool Cancelled { get; private set; }

    public void ServerChallenge(string base64)
    {
        if (_challenges.Count < MaxSteps) _challenges.Add(base64.Trim());
    }

    public void ClientResponse(string line)
    {
        string trimmed = line.Trim();
        if (trimmed == "*") { Cancelled = true; return; }
        if (_responses.Count < MaxSteps) _responses.Add((trimmed, _challenges.Count));
    }

    /// <summary>The credential the exchange carried, or null if it carried none we can read.</summary>
    public ImapSaslCredential? ToCredential()
    {
        if (Cancelled || _responses.Count == 0) return null;
        return Mechanism switch
        {
            "PLAIN" => Plain(),
            "LOGIN" => Login(),
            "CRAM-MD5" => CramMd5(),
            "XOAUTH2" or "OAUTHBEARER" => OAuth(),
            _ => null,
        };
    }

    private ImapSaslCredential? Plain()
    {
        var text = Decode(_responses[0].Response);
        if (text == null) return null;
        var parts = text.Split('\0');
        if (parts.Length < 3) return null;
        string user = parts[1].Length > 0 ? parts[1] : parts[0];
        return new ImapSaslCredential(Mechanism, user, parts[2], null);
    }

    private ImapSaslCredential? Login()
    {
        // Prompts are decoded, not matched as strings: servers say "Username:", "User Name", "login:", "Password:"...
        string? user = null, pass = null;
        foreach (var (response, before) in _responses)
        {
            var value = Decode(response);
            if (value == null) continue;
            string prompt = before > 0 ? (Decode(_challenges[before - 1]) ?? "") : "";
            if (prompt.Contains("pass", StringComparison.OrdinalIgnoreCase)) pass ??= value;
            else if (prompt.Contains("user", StringComparison.OrdinalIgnoreCase) || prompt.Contains("name", StringComparison.OrdinalIgnoreCase) || prompt.Contains("login", StringComparison.OrdinalIgnoreCase)) user ??= value;
            else if (user == null) user = value;
            else pass ??= value;
        }
        return user == null ? null : new ImapSaslCredential(Mechanism, user, pass, null);
    }

    private ImapSaslCredential? CramMd5()
    {
        // hashcat mode 16400 wants the challenge and the response exactly as base64 on the wire.
        var (response, before) = _responses[0];
        if (before == 0 || _challenges.Count == 0) return null;
        var decoded = Decode(response);
        if (decoded == null) return null;
        int sp = decoded.LastIndexOf(' ');
        string user = sp > 0 ? decoded[..sp] : decoded;
        return new ImapSaslCredential(Mechanism, user, null, $"$cram_md5${_challenges[before - 1]}${response}");
    }

    private ImapSaslCredential? OAuth()
    {
        var text = Decode(_responses[0].Response);
        if (text == null) return null;
        string? user = null, token = null;
        foreach (var field in text.Split('\u0001'))
        {
            if (field.StartsWith("user=", StringComparison.Ordinal)) user = field[5..];
            else if (field.StartsWith("auth=", StringComparison.Ordinal)) token = field[5..];
            else if (field.StartsWith("n,", StringComparison.Ordinal))
                foreach (var gs2 in field.Split(','))
                    if (gs2.StartsWith("a=", StringComparison.Ordinal)) user ??= gs2[2..];
        }
        if (token != null && token.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) token = token[7..];
        return user == null ? null : new ImapSaslCredential(Mechanism, user, token, null);
    }

    private static string? Decode(string base64)
    {
        if (base64 == "=") return "";
        var buffer = new byte[base64.Length];
        return Convert.TryFromBase64String(base64, buffer, out int n) ? Encoding.UTF8.GetString(buffer, 0, n) : null;
    }
}
