using System.Text.Json;

namespace MailSniffer.Decoders.Tests.Support;

/// <summary>The oracle's reconstruction of one TCP stream (see MANIFEST.md): messages, credentials, TLS.</summary>
public sealed record OracleStream(int TcpStream, string Protocol, bool TlsAfterStartTls, IReadOnlyList<OracleMessage> Messages,
    IReadOnlyList<OracleCredential> Credentials)
{
    public static List<OracleStream> Load(string captureName)
    {
        using var doc = JsonDocument.Parse(File.ReadAllBytes(CaptureFiles.PathOf(captureName + ".oracle.json")));
        var result = new List<OracleStream>();
        foreach (var s in doc.RootElement.GetProperty("reconstruction").EnumerateArray())
        {
            string protocol = s.GetProperty("protocol").GetString()!;
            if (protocol is not ("smtp" or "pop3")) continue;
            var messages = s.GetProperty("messages").EnumerateArray().Select(m => new OracleMessage(
                m.GetProperty("via").GetString()!.Split(' ')[0], m.GetProperty("size").GetInt64(), m.GetProperty("sha256").GetString()!,
                m.GetProperty("complete").GetBoolean())).ToList();
            var credentials = s.GetProperty("credentials").EnumerateArray().Select(OracleCredential.From).ToList();
            bool tls = s.TryGetProperty("tls_after_starttls", out var t) && t.ValueKind == JsonValueKind.True;
            result.Add(new OracleStream(s.GetProperty("tcp_stream").GetInt32(), protocol, tls, messages, credentials));
        }
        return result;
    }
}

/// <summary>A reconstructed message: Source is the first word of "via" (DATA, BDAT, RETR, TOP).</summary>
public sealed record OracleMessage(string Source, long Size, string Sha256, bool Complete);

/// <summary>A credential the oracle derived; Secret is the password or (XOAUTH2) the token without "Bearer ".</summary>
public sealed record OracleCredential(string Mechanism, string Username, string? Secret, bool? Accepted)
{
    public static OracleCredential From(JsonElement c)
    {
        string? secret = c.TryGetProperty("password", out var p) ? p.GetString()
            : c.TryGetProperty("token", out var t) ? t.GetString() : null;
        if (secret != null && secret.StartsWith("Bearer ", StringComparison.Ordinal)) secret = secret[7..];
        bool? accepted = null;
        if (c.TryGetProperty("accepted", out var a) && a.ValueKind is JsonValueKind.True or JsonValueKind.False) accepted = a.GetBoolean();
        if (c.TryGetProperty("result_code", out var r) && r.ValueKind == JsonValueKind.Number) accepted = r.GetInt32() / 100 == 2;
        return new OracleCredential(c.GetProperty("mechanism").GetString()!, c.GetProperty("username").GetString()!, secret, accepted);
    }
}
