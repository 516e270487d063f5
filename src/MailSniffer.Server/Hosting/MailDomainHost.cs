using System.Net;
using System.Security.Cryptography.X509Certificates;
using MailSniffer.Server.Auth;
using MailSniffer.Server.Config;
using MailSniffer.Server.Queue;
using MailSniffer.Server.Storage;

namespace MailSniffer.Server.Hosting;

/// <summary>Everything one mail domain's servers share: users, mailboxes, outbound queue, certificate, limits.</summary>
public sealed class MailDomainHost
{
    public MailDomainHost(DomainConfig domain, LimitsConfig limits, IMailStore store, X509Certificate2 certificate, MailSystemEvents events)
    {
        Domain = domain;
        Limits = limits;
        Store = store;
        Certificate = certificate;
        Events = events;
        Users = new UserDirectory(domain);
        Address = IPAddress.Parse(domain.Address);
    }

    public DomainConfig Domain { get; }
    public string HostName => Domain.MxHost;
    public IPAddress Address { get; }
    public LimitsConfig Limits { get; }
    public IMailStore Store { get; }
    public X509Certificate2 Certificate { get; }
    public MailSystemEvents Events { get; }
    public UserDirectory Users { get; }
    public OutboundQueue? Queue { get; set; }

    public bool IsLocalDomain(string domain) => domain.Equals(Domain.Name, StringComparison.OrdinalIgnoreCase);

    /// <summary>Delivers to a local user's INBOX; false when there is no such user.</summary>
    public async Task<bool> DeliverLocalAsync(string address, byte[] content)
    {
        var user = Users.Find(address);
        if (user is null) return false;
        await Store.AppendAsync(user.Name, IMailStore.Inbox, content, MessageFlags.None, DateTimeOffset.UtcNow, CancellationToken.None);
        return true;
    }
}
