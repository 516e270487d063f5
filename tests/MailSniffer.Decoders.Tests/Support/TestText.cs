using System.Security.Cryptography;
using System.Text;
using MailSniffer.Decoders.Events;

namespace MailSniffer.Decoders.Tests.Support;

/// <summary>Conversions the decoder tests write their expectations in (import with <c>using static</c>).</summary>
public static class TestText
{
    public static string Text(MessageEvent m) => Encoding.UTF8.GetString(m.Content.ToArray());

    public static string B64(string s) => Convert.ToBase64String(Encoding.UTF8.GetBytes(s));

    /// <summary>Lower-case hex SHA-256 of the UTF-8 text, as message events report it.</summary>
    public static string Sha(string s) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(s)));

    public static (string, string, string?, string?, bool?) CredentialFields(CredentialEvent c) =>
        (c.Mechanism, c.Username, c.Password, c.Hash, c.Accepted);
}
