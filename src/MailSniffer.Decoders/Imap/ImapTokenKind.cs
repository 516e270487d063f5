namespace MailSniffer.Decoders.Imap;

internal enum ImapTokenKind : byte
{
    Atom,
    Quoted,
    Literal,
    ListStart,
    ListEnd,
}
