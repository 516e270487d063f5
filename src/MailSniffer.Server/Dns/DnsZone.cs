using System.Net;
using ARSoft.Tools.Net;
using ARSoft.Tools.Net.Dns;
using MailSniffer.Server.Config;

namespace MailSniffer.Server.Dns;

/// <summary>The records of all configured domains: each domain's MX points to its MX host, whose A or AAAA is the domain's address.</summary>
public sealed class DnsZone
{
    private readonly int _ttl;
    private readonly Dictionary<DomainName, DomainName> _mx = new();
    private readonly Dictionary<DomainName, IPAddress> _hosts = new();

    public DnsZone(IEnumerable<DomainConfig> domains, int ttl)
    {
        _ttl = ttl;
        foreach (var d in domains)
        {
            var host = DomainName.Parse(d.MxHost);
            _mx[DomainName.Parse(d.Name)] = host;
            _hosts[host] = IPAddress.Parse(d.Address);
        }
    }

    public bool HasName(DomainName name) => _mx.ContainsKey(name) || _hosts.ContainsKey(name);

    /// <summary>Records answering the question; empty when the name exists without that type; null when the name is outside our zones.</summary>
    public List<DnsRecordBase>? Answer(DomainName name, RecordType type)
    {
        if (!_mx.Keys.Any(name.IsEqualOrSubDomainOf) && !_hosts.ContainsKey(name)) return null;
        var records = new List<DnsRecordBase>();
        if (type is RecordType.Mx or RecordType.Any && _mx.TryGetValue(name, out var exchange))
            records.Add(new MxRecord(name, _ttl, 10, exchange));
        if (_hosts.TryGetValue(name, out var address))
        {
            if (address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork && type is RecordType.A or RecordType.Any)
                records.Add(new ARecord(name, _ttl, address));
            if (address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 && type is RecordType.Aaaa or RecordType.Any)
                records.Add(new AaaaRecord(name, _ttl, address));
        }
        return records;
    }

    public static string Describe(DnsRecordBase record) => record switch
    {
        MxRecord mx => $"{mx.Preference} {mx.ExchangeDomainName.ToString().TrimEnd('.')}",
        ARecord a => a.Address.ToString(),
        AaaaRecord aaaa => aaaa.Address.ToString(),
        _ => record.ToString(),
    };
}
