namespace MailSniffer.Decoders.Tls;

/// <summary>
/// Recognises the 5-byte TLS record header (RFC 8446 5.1): content type 20-24, version 3.0-3.4, length 1..2^14+2048.
/// No mail protocol line starts with a byte in 0x14-0x18, so this is a reliable test for "TLS from here on".
/// </summary>
public static class TlsRecordHeader
{
    public const int Length = 5;
    public const int MaxRecordLength = 16384 + 2048;

    public static TlsRecognition Recognize(ReadOnlySpan<byte> data)
    {
        if (data.IsEmpty) return TlsRecognition.NeedMore;
        if (data[0] is < 0x14 or > 0x18) return TlsRecognition.NotTls;
        if (data.Length < 2) return TlsRecognition.NeedMore;
        if (data[1] != 3) return TlsRecognition.NotTls;
        if (data.Length < 3) return TlsRecognition.NeedMore;
        if (data[2] > 4) return TlsRecognition.NotTls;
        if (data.Length < Length) return TlsRecognition.NeedMore;
        int length = data[3] << 8 | data[4];
        return length is > 0 and <= MaxRecordLength ? TlsRecognition.Tls : TlsRecognition.NotTls;
    }

    public static int RecordLength(ReadOnlySpan<byte> header) => header[3] << 8 | header[4];
}
