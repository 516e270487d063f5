namespace MailSniffer.Server.Hosting;

/// <summary>What the servers did, for narration, the demo's ground truth and tests. Handlers must not block.</summary>
public sealed class MailSystemEvents
{
    public event Action<string>? Log;
    public event Action<DnsQueryLog>? DnsQuery;
    public event Action<AcceptedLog>? Accepted;
    public event Action<RelayLog>? Relayed;

    internal void OnLog(string line) => Log?.Invoke(line);
    internal void OnDnsQuery(DnsQueryLog q) => DnsQuery?.Invoke(q);
    internal void OnAccepted(AcceptedLog a) => Accepted?.Invoke(a);
    internal void OnRelayed(RelayLog r) => Relayed?.Invoke(r);
}
