namespace MailSniffer.Core.Flows;

public enum Transport : byte
{
    Tcp = 6,
    Udp = 17,
}
