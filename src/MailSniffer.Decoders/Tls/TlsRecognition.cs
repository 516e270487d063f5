namespace MailSniffer.Decoders.Tls;

public enum TlsRecognition : byte
{
    NotTls,
    NeedMore,
    Tls,
}
