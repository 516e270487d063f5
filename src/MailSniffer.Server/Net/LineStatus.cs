namespace MailSniffer.Server.Net;

public enum LineStatus
{
    Ok,
    TooLong,
    Closed,
}
