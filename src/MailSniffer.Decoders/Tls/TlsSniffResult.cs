namespace MailSniffer.Decoders.Tls;

/// <summary>What <see cref="TlsRecordSniffer"/> concluded from the bytes so far.</summary>
public enum TlsSniffResult : byte
{
    Undecided,
    Tls,
    Plain,
}
