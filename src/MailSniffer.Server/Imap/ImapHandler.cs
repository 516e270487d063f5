using MailSniffer.Server.Hosting;
using MailSniffer.Server.Net;

namespace MailSniffer.Server.Imap;

/// <summary>Starts an <see cref="ImapSession"/> per connection.</summary>
public sealed class ImapHandler(MailDomainHost host) : IConnectionHandler
{
    public string Protocol => "IMAP";
    public string BusyReply => "* BYE too many connections";
    public string TimeoutReply => "* BYE idle time-out, closing connection";

    public Task HandleAsync(LineConnection connection) => new ImapSession(host, connection).RunAsync();
}
