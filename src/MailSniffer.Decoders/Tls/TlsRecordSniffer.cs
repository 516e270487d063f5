namespace MailSniffer.Decoders.Tls;

/// <summary>
/// Decides, from the first bytes after STARTTLS/STLS, whether a direction switched to TLS or carried on in plain text
/// (a decrypted capture). The rule is <see cref="TlsRecordHeader.Recognize"/>'s, applied to the first 3 bytes (content
/// type, version major and minor): a plain-text command never starts that way. Holds at most 3 bytes, so the decision is
/// the same however the input is split.
/// </summary>
public sealed class TlsRecordSniffer
{
    private readonly byte[] _seen = new byte[3];
    private int _count;

    public ReadOnlySpan<byte> Seen => _seen.AsSpan(0, _count);

    /// <summary>Consumes bytes until it can decide; the consumed bytes stay available in <see cref="Seen"/>.</summary>
    public TlsSniffResult Push(ref ReadOnlySpan<byte> input)
    {
        while (!input.IsEmpty)
        {
            _seen[_count++] = input[0];
            input = input[1..];
            var verdict = Judge();
            if (verdict != TlsSniffResult.Undecided) return verdict;
        }
        return TlsSniffResult.Undecided;
    }

    private TlsSniffResult Judge()
    {
        if (TlsRecordHeader.Recognize(Seen) == TlsRecognition.NotTls) return TlsSniffResult.Plain;
        return _count < _seen.Length ? TlsSniffResult.Undecided : TlsSniffResult.Tls;
    }
}
