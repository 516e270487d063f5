namespace MailSniffer.Core.Capture;

/// <summary>pcap LINKTYPE_* values this tool decodes (others are counted and skipped).</summary>
public enum LinkType : ushort
{
    Null = 0,          // BSD loopback: 4-byte host-order address family
    Ethernet = 1,
    Raw = 101,         // raw IPv4/IPv6, version from the first nibble
    Loop = 108,        // OpenBSD loopback: 4-byte network-order address family
    LinuxSll = 113,    // Linux cooked capture v1
    Ipv4 = 228,
    Ipv6 = 229,
    LinuxSll2 = 276,   // Linux cooked capture v2 (tcpdump -i any on current libpcap)
}
