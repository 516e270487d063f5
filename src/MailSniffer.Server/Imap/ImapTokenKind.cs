namespace MailSniffer.Server.Imap;

public enum ImapTokenKind
{
    Atom,
    String,
    List,
    Nil,
}
