namespace MailSniffer.Decoders.Sasl;

/// <summary>Crackable lines in the formats hashcat expects, for secrets that only crossed the wire as digests.</summary>
public static class HashcatLine
{
    /// <summary>
    /// CRAM-MD5, hashcat mode 16400: <c>$cram_md5$&lt;challenge base64&gt;$&lt;response base64&gt;</c>, both exactly as they
    /// crossed the wire (the response decodes to "user SP hex-digest"). hashcat's example hash is
    /// <c>$cram_md5$PG5vLXJlcGx5QGhhc2hjYXQubmV0Pg==$dXNlciA0NGVhZmQyMmZlNzY2NzBmNmIyODc5MDgxYTdmNWY3MQ==</c>.
    /// </summary>
    public static string CramMd5(string challengeBase64, string responseBase64) =>
        $"$cram_md5${challengeBase64.Trim()}${responseBase64.Trim()}";

    /// <summary>
    /// POP3 APOP, hashcat mode 20 (<c>md5($salt.$pass)</c>): <c>&lt;digest&gt;:&lt;salt&gt;</c> where the salt is the greeting's
    /// timestamp including its angle brackets, because APOP's digest is MD5(timestamp || password) (RFC 1939 section 7).
    /// </summary>
    public static string Apop(string digestHex, string bannerTimestamp) => $"{digestHex.ToLowerInvariant()}:{bannerTimestamp}";
}
