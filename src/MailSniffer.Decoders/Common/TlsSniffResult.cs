namespace MailSniffer.Decoders.Common;

/// <summary>What <see cref="TlsRecordSniffer"/> concluded from the bytes so far.</summary>
public enum TlsSniffResult : byte
{
    Undecided,
    Tls,
    Plain,
}
