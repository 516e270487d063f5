using System.Security.Cryptography;
using MailSniffer.Decoders.Events;

namespace MailSniffer.Decoders.Tests.Support;

/// <summary>Compares decoder events with the oracle's reconstruction of a stream.</summary>
public static class OracleAssertions
{
    /// <summary>
    /// The same messages (source, size, SHA-256, complete flag), in any order. One tolerated difference: for a message cut
    /// off by the end of the capture the oracle drops the unfinished last line, while we keep every byte that crossed; there
    /// the oracle's bytes must be an exact prefix of ours.
    /// </summary>
    public static void MessagesMatch(OracleStream oracle, IReadOnlyList<MailEvent> events)
    {
        var ours = events.OfType<MessageEvent>().ToList();
        var expected = oracle.Messages.Select(m => $"{m.Source} {m.Size} {m.Sha256} complete={m.Complete}").Order().ToList();
        var actual = ours.Select(m =>
        {
            var cut = oracle.Messages.FirstOrDefault(o => !o.Complete && !m.Complete && o.Source == m.Source && o.Size < m.Content.Length
                && Convert.ToHexStringLower(SHA256.HashData(m.Content.ToArray().AsSpan(0, (int)o.Size))) == o.Sha256);
            return cut != null
                ? $"{cut.Source} {cut.Size} {cut.Sha256} complete=False"
                : $"{m.Source} {m.Content.Length} {m.Content.Sha256Hex} complete={m.Complete}";
        }).Order().ToList();
        Assert.Equal(expected, actual);
    }

    public static void CredentialsMatch(OracleStream oracle, IReadOnlyList<MailEvent> events)
    {
        var creds = events.OfType<CredentialEvent>().ToList();
        foreach (var expected in oracle.Credentials)
        {
            string mechanism = expected.Mechanism == "USER/PASS" ? "USER" : expected.Mechanism;
            var match = creds.FirstOrDefault(c => c.Mechanism == mechanism && c.Username == expected.Username && c.Password == expected.Secret
                && (expected.Accepted == null || c.Accepted == expected.Accepted));
            Assert.True(match != null, $"credential {mechanism} {expected.Username} accepted={expected.Accepted} not found in: "
                + string.Join("; ", creds.Select(c => $"{c.Mechanism} {c.Username} {c.Password} {c.Accepted}")));
        }
        Assert.Equal(oracle.Credentials.Count, creds.Count);
    }
}
