namespace MailSniffer.Decoders.Common;

/// <summary>
/// Decides, from the first bytes after STARTTLS/STLS, whether a direction switched to TLS (a record header: content type
/// 0x14-0x17, version major 3, minor 0-4) or carried on in plain text (a decrypted capture). Holds at most 3 bytes, so the
/// decision is the same however the input is split.
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
        if (_seen[0] < 0x14 || _seen[0] > 0x17) return TlsSniffResult.Plain;
        if (_count < 2) return TlsSniffResult.Undecided;
        if (_seen[1] != 0x03) return TlsSniffResult.Plain;
        if (_count < 3) return TlsSniffResult.Undecided;
        return _seen[2] <= 0x04 ? TlsSniffResult.Tls : TlsSniffResult.Plain;
    }
}
