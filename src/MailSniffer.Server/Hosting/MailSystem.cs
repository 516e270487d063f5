using System.Net;
using MailSniffer.Server.Config;
using MailSniffer.Server.Dns;
using MailSniffer.Server.Imap;
using MailSniffer.Server.Net;
using MailSniffer.Server.Pop3;
using MailSniffer.Server.Queue;
using MailSniffer.Server.Smtp;
using MailSniffer.Server.Storage;
using MailSniffer.Server.Tls;

namespace MailSniffer.Server.Hosting;

/// <summary>The running mail system: the DNS server and, per domain, SMTP, submission, POP3 and IMAP listeners plus an outbound queue.</summary>
public sealed class MailSystem : IAsyncDisposable
{
    private readonly List<TcpListenerHost> _listeners = [];
    private readonly List<OutboundQueue> _queues = [];
    private AuthoritativeDnsServer? _dns;

    private MailSystem(MailSystemConfig config)
    {
        Config = config;
    }

    public MailSystemConfig Config { get; }
    public MailSystemEvents Events { get; } = new();
    public List<MailDomainHost> Hosts { get; } = [];
    public IReadOnlyList<TcpListenerHost> Listeners => _listeners;

    public MailDomainHost Host(string domain) => Hosts.Single(h => h.IsLocalDomain(domain));

    public static async Task<MailSystem> StartAsync(MailSystemConfig config, Action<MailSystemEvents>? subscribe = null)
    {
        ConfigLoader.Validate(config);
        var system = new MailSystem(config);
        subscribe?.Invoke(system.Events);
        try
        {
            system.Start();
        }
        catch
        {
            await system.DisposeAsync();
            throw;
        }
        return system;
    }

    private void Start()
    {
        var dnsEndPoint = new IPEndPoint(IPAddress.Parse(Config.Dns.Address), Config.Dns.Port);
        if (Config.Dns.Enabled)
        {
            _dns = new AuthoritativeDnsServer(Config.Dns, new DnsZone(Config.Domains, Config.Dns.Ttl), Events);
            _dns.Start();
            Events.OnLog($"DNS  listening on {dnsEndPoint} (udp+tcp), authoritative for {string.Join(", ", Config.Domains.Select(d => d.Name))}");
        }
        var resolver = new MxResolver(dnsEndPoint);
        foreach (var domain in Config.Domains)
        {
            var domainDir = Path.Combine(Config.DataDirectory, domain.Name);
            IMailStore store = Config.InMemory ? new MemoryStore() : new MaildirStore(Path.Combine(domainDir, "mail"));
            var cert = CertificateProvider.GetOrCreate(domain.MxHost, IPAddress.Parse(domain.Address), Config.InMemory ? null : Path.Combine(Config.DataDirectory, "tls"));
            var host = new MailDomainHost(domain, Config.Limits, store, cert, Events);
            IQueueStore queueStore = Config.InMemory ? new MemoryQueueStore() : new FileQueueStore(Path.Combine(domainDir, "queue"));
            host.Queue = new OutboundQueue(queueStore, Config.Queue, resolver, domain, host.DeliverLocalAsync, Events);
            Hosts.Add(host);
            Listen(host, domain.SmtpPort, new SmtpHandler(host, SmtpListenerKind.Incoming));
            Listen(host, domain.SubmissionPort, new SmtpHandler(host, SmtpListenerKind.Submission));
            Listen(host, domain.Pop3Port, new Pop3Handler(host));
            Listen(host, domain.ImapPort, new ImapHandler(host));
            _queues.Add(host.Queue);
            host.Queue.Start();
        }
    }

    private void Listen(MailDomainHost host, int port, IConnectionHandler handler)
    {
        if (port <= 0) return;
        var listener = new TcpListenerHost(new IPEndPoint(host.Address, port), handler, Config.Limits.MaxConnectionsPerListener,
            TimeSpan.FromSeconds(Config.Limits.IdleTimeoutSeconds), Events.OnLog);
        _listeners.Add(listener);
        listener.Start();
        Events.OnLog($"{handler.Protocol,-15} {host.HostName} listening on {listener.EndPoint}");
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var q in _queues) await q.DisposeAsync();
        foreach (var l in _listeners) await l.DisposeAsync();
        _dns?.Dispose();
    }
}
