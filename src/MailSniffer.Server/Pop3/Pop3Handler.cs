using MailSniffer.Server.Hosting;
using MailSniffer.Server.Net;

namespace MailSniffer.Server.Pop3;

/// <summary>Starts a <see cref="Pop3Session"/> per connection.</summary>
public sealed class Pop3Handler(MailDomainHost host) : IConnectionHandler
{
    public string Protocol => "POP3";
    public string BusyReply => "-ERR [SYS/TEMP] too many connections";
    public string TimeoutReply => "-ERR idle time-out, closing connection";

    public Task HandleAsync(LineConnection connection) => new Pop3Session(host, connection).RunAsync();
}
