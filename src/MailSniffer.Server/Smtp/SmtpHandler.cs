using MailSniffer.Server.Hosting;
using MailSniffer.Server.Net;

namespace MailSniffer.Server.Smtp;

/// <summary>Starts an <see cref="SmtpSession"/> per connection.</summary>
public sealed class SmtpHandler(MailDomainHost host, SmtpListenerKind kind) : IConnectionHandler
{
    public string Protocol => kind == SmtpListenerKind.Submission ? "SMTP-submission" : "SMTP";
    public string BusyReply => $"421 4.3.2 {host.HostName} too many connections, try later";
    public string TimeoutReply => $"421 4.4.2 {host.HostName} idle time-out, closing connection";

    public Task HandleAsync(LineConnection connection) => new SmtpSession(host, kind, connection).RunAsync();
}
