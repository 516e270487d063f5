using System.Collections.Concurrent;
using System.Globalization;
using ARSoft.Tools.Net;
using ARSoft.Tools.Net.Dns;

namespace MailSniffer.Decoders.Dns;

/// <summary>
/// How DNS data is shown in events, close to dig but with names written without the trailing root dot (as tshark and
/// the oracles do): A/AAAA the address, MX "10 mx.b.test", CNAME/PTR/NS the target, TXT the strings concatenated
/// (as SPF/DKIM readers join them), SOA and SRV their fields in zone-file order, anything else its zone-file RDATA.
/// </summary>
public static class DnsRendering
{
    public static string Name(DomainName name)
    {
        var s = name.ToString();
        return s.Length > 1 ? s.TrimEnd('.') : s;
    }

    // Enum.ToString and the checks below cost more than parsing a small DNS message; a capture uses a handful of types.
    private static readonly ConcurrentDictionary<RecordType, string> TypeNames = new();

    public static string TypeName(RecordType type) => TypeNames.GetOrAdd(type, NameOfType);

    private static string NameOfType(RecordType type)
    {
        var s = type.ToString();
        return int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out _) ? "TYPE" + s : s.ToUpperInvariant();
    }

    public static string RcodeName(ReturnCode code) => (int)code switch
    {
        0 => "NOERROR",
        1 => "FORMERR",
        2 => "SERVFAIL",
        3 => "NXDOMAIN",
        4 => "NOTIMP",
        5 => "REFUSED",
        6 => "YXDOMAIN",
        7 => "YXRRSET",
        8 => "NXRRSET",
        9 => "NOTAUTH",
        10 => "NOTZONE",
        16 => "BADVERS",
        int n => "RCODE" + n.ToString(CultureInfo.InvariantCulture),
    };

    public static string Data(DnsRecordBase record) => record switch
    {
        ARecord a => a.Address.ToString(),
        AaaaRecord a => a.Address.ToString(),
        MxRecord mx => $"{mx.Preference} {Name(mx.ExchangeDomainName)}",
        CNameRecord c => Name(c.CanonicalName),
        PtrRecord p => Name(p.PointerDomainName),
        NsRecord ns => Name(ns.NameServer),
        TextRecordBase t => string.Concat(t.TextParts),
        SrvRecord srv => $"{srv.Priority} {srv.Weight} {srv.Port} {Name(srv.Target)}",
        SoaRecord soa => $"{Name(soa.MasterName)} {Name(soa.ResponsibleName)} {soa.SerialNumber} {soa.RefreshInterval} {soa.RetryInterval} {soa.ExpireInterval} {soa.NegativeCachingTTL}",
        _ => ZoneFileRdata(record),
    };

    private static string ZoneFileRdata(DnsRecordBase record)
    {
        // ToString() is "name ttl class type rdata".
        var parts = record.ToString().Split(' ', 5);
        return parts.Length == 5 ? parts[4] : "";
    }
}
