namespace MailSniffer.Decoders.Sasl;

/// <summary>
/// One SASL authentication attempt, protocol-neutral: the SMTP/POP3/IMAP decoder passes in the mechanism and optional
/// initial response from the command line, the server's challenges (334 / "+ " text) and the client's response lines;
/// the exchange decodes the secret. It is driven by the client side so that a capture without server replies still
/// yields credentials; challenges refine it (LOGIN prompts say which line is the password, CRAM-MD5 needs the challenge).
/// </summary>
public sealed class SaslExchange
{
    // Only the first few responses matter to any known mechanism; unknown ones (NTLM, GSSAPI) may go on for many lines.
    private const int MaxKeptResponses = 4;

    private readonly List<string> _responses = new();
    private int _responseCount;
    private readonly int _expectedResponses;
    private string? _lastChallenge;
    private string? _cramChallenge;
    private string? _loginUser;
    private string? _loginPassword;
    private bool _loginNextIsPassword;
    private int _extraResponses;

    public SaslExchange(string mechanism, string? initialResponse)
    {
        Mechanism = mechanism.ToUpperInvariant();
        _expectedResponses = Mechanism switch
        {
            "PLAIN" or "XOAUTH2" or "OAUTHBEARER" or "CRAM-MD5" => 1,
            "LOGIN" => 2,
            _ => int.MaxValue,
        };
        // "=" is an empty initial response (RFC 4954); no mechanism here carries its secret in an empty one, so the
        // secret still comes in the next line.
        if (!string.IsNullOrEmpty(initialResponse) && initialResponse.Trim() != "=") AddResponse(initialResponse);
    }

    public string Mechanism { get; }

    public bool IsKnownMechanism => _expectedResponses != int.MaxValue;

    /// <summary>The client sent "*": the attempt was abandoned.</summary>
    public bool Cancelled { get; private set; }

    /// <summary>Whether the client is still expected to send response lines (known mechanisms count them).</summary>
    public bool WantsClientResponse => !Cancelled && (_responseCount < _expectedResponses || _extraResponses > 0);

    /// <summary>A server challenge (the base64 text after "334 " or "+ ").</summary>
    public void OnServerChallenge(string base64)
    {
        if (Cancelled) return;
        _lastChallenge = base64.Trim();
        if (Mechanism == "CRAM-MD5" && _responseCount == 0) _cramChallenge = _lastChallenge;
        else if (Mechanism == "LOGIN")
        {
            // Decode the prompt rather than compare with the usual "VXNlcm5hbWU6": servers word it differently.
            var prompt = SaslBase64.DecodeText(_lastChallenge);
            if (prompt != null && prompt.Contains("pass", StringComparison.OrdinalIgnoreCase)) _loginNextIsPassword = true;
            else if (prompt != null && prompt.Contains("user", StringComparison.OrdinalIgnoreCase)) _loginNextIsPassword = false;
        }
        // A challenge after the client said everything (XOAUTH2 error details) is answered by one more, empty line.
        if (_responseCount >= _expectedResponses) _extraResponses = 1;
    }

    public void OnClientResponse(string line)
    {
        if (Cancelled) return;
        if (line.Trim() == "*") { Cancelled = true; return; }
        if (_extraResponses > 0 && _responseCount >= _expectedResponses) { _extraResponses = 0; return; }
        AddResponse(line);
    }

    /// <summary>The credential seen so far, or null (cancelled, unknown mechanism, nothing decodable yet).</summary>
    public SaslCredential? Credential
    {
        get
        {
            if (Cancelled || _responses.Count == 0) return null;
            switch (Mechanism)
            {
                case "PLAIN":
                {
                    var text = SaslBase64.DecodeText(_responses[0]);
                    var parsed = text == null ? null : SaslPlainMessage.Parse(text);
                    return parsed == null ? null : new SaslCredential(Mechanism, parsed.Value.Username, parsed.Value.Password, null);
                }
                case "LOGIN":
                    return _loginUser == null && _loginPassword == null ? null
                        : new SaslCredential(Mechanism, _loginUser ?? "", _loginPassword, null);
                case "CRAM-MD5":
                {
                    var text = SaslBase64.DecodeText(_responses[0]);
                    if (text == null) return null;
                    int sp = text.LastIndexOf(' ');
                    string user = sp < 0 ? text : text[..sp];
                    string? hash = _cramChallenge == null ? null : HashcatLine.CramMd5(_cramChallenge, _responses[0]);
                    return new SaslCredential(Mechanism, user, null, hash);
                }
                case "XOAUTH2":
                case "OAUTHBEARER":
                {
                    var text = SaslBase64.DecodeText(_responses[0]);
                    var parsed = text == null ? null : SaslBearerMessage.Parse(text);
                    return parsed == null ? null : new SaslCredential(Mechanism, parsed.Value.Username, parsed.Value.Token, null);
                }
                default:
                    return Mechanism.StartsWith("SCRAM-", StringComparison.Ordinal) ? ScramUser() : null;
            }
        }
    }

    /// <summary>
    /// SCRAM's client-first message ("n,,n=user,r=nonce") shows the user; the password never crosses the wire and the
    /// exchange gives no line a cracker can use without the server's stored salt, so none is kept.
    /// </summary>
    private SaslCredential? ScramUser()
    {
        var text = SaslBase64.DecodeText(_responses[0]);
        if (text == null) return null;
        foreach (var field in text.Split(','))
            if (field.StartsWith("n=", StringComparison.Ordinal))
                return new SaslCredential(Mechanism, field[2..].Replace("=2C", ",").Replace("=3D", "="), null, null);
        return null;
    }

    private void AddResponse(string response)
    {
        response = response.Trim();
        _responseCount++;
        if (_responses.Count < MaxKeptResponses) _responses.Add(response);
        if (Mechanism != "LOGIN") return;
        var text = SaslBase64.DecodeText(response);
        if (text == null) return;
        if (_loginNextIsPassword || _loginUser != null) _loginPassword ??= text;
        else _loginUser = text;
        _loginNextIsPassword = _loginUser != null;
    }
}
