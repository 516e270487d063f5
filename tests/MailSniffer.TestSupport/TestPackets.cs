using System.Buffers.Binary;
using System.Net;
using System.Net.NetworkInformation;
using AddressFamily = System.Net.Sockets.AddressFamily;
using MailSniffer.Core.Frames;
using PacketDotNet;

namespace MailSniffer.TestSupport;

/// <summary>
/// Builds real frames for tests. IP/TCP/UDP come from PacketDotNet (an independent implementation, so checksums
/// and header layouts are not our decoder's opinion of them); link-layer wrappings are plain byte prefixes.
/// </summary>
public static class TestPackets
{
    public static readonly PhysicalAddress ClientMac = PhysicalAddress.Parse("02-00-00-00-00-01");
    public static readonly PhysicalAddress ServerMac = PhysicalAddress.Parse("02-00-00-00-00-02");

    /// <summary>An Ethernet frame carrying TCP over IPv4 or IPv6 (chosen by the address family), optionally VLAN-tagged.</summary>
    public static byte[] Tcp(string src, ushort sport, string dst, ushort dport, uint seq, uint ack, TcpFlags flags,
        byte[]? payload = null, ushort[]? vlans = null, ushort window = 65535, ushort outerTpid = 0x8100) =>
        Ethernet(TcpIp(src, sport, dst, dport, seq, ack, flags, payload, window), vlans, outerTpid);

    /// <summary>An Ethernet frame carrying UDP over IPv4 or IPv6.</summary>
    public static byte[] Udp(string src, ushort sport, string dst, ushort dport, byte[]? payload = null, ushort[]? vlans = null) =>
        Ethernet(UdpIp(src, sport, dst, dport, payload), vlans);

    /// <summary>A bare IP packet (no link layer) carrying TCP, with correct IP and TCP checksums.</summary>
    public static byte[] TcpIp(string src, ushort sport, string dst, ushort dport, uint seq, uint ack, TcpFlags flags,
        byte[]? payload = null, ushort window = 65535, ushort ipId = 1)
    {
        var tcp = new TcpPacket(sport, dport)
        {
            SequenceNumber = seq,
            AcknowledgmentNumber = ack,
            Flags = (ushort)flags,
            WindowSize = window,
            PayloadData = payload ?? [],
        };
        return WrapInIp(src, dst, tcp, ProtocolType.Tcp, ipId, () => tcp.UpdateTcpChecksum());
    }

    /// <summary>A bare IP packet (no link layer) carrying UDP, with correct checksums.</summary>
    public static byte[] UdpIp(string src, ushort sport, string dst, ushort dport, byte[]? payload = null, ushort ipId = 1)
    {
        var udp = new UdpPacket(sport, dport) { PayloadData = payload ?? [] };
        return WrapInIp(src, dst, udp, ProtocolType.Udp, ipId, () => udp.UpdateUdpChecksum());
    }

    private static byte[] WrapInIp(string src, string dst, TransportPacket transport, ProtocolType protocol, ushort ipId, Action fixChecksum)
    {
        var s = IPAddress.Parse(src);
        var d = IPAddress.Parse(dst);
        if (s.AddressFamily != d.AddressFamily)
            throw new ArgumentException("Source and destination must be the same address family.");
        if (s.AddressFamily == AddressFamily.InterNetwork)
        {
            var ip = new IPv4Packet(s, d) { Protocol = protocol, TimeToLive = 64, Id = ipId, PayloadPacket = transport };
            ip.UpdateCalculatedValues();
            fixChecksum();
            ip.UpdateIPChecksum();
            return ip.Bytes;
        }
        var ip6 = new IPv6Packet(s, d) { NextHeader = protocol, HopLimit = 64, PayloadPacket = transport };
        ip6.UpdateCalculatedValues();
        fixChecksum();
        return ip6.Bytes;
    }

    /// <summary>Ethernet II around an IP packet; <paramref name="vlans"/> are VLAN ids, outermost first.</summary>
    public static byte[] Ethernet(byte[] ip, ushort[]? vlans = null, ushort outerTpid = 0x8100)
    {
        vlans ??= [];
        var frame = new byte[14 + 4 * vlans.Length + ip.Length];
        ServerMac.GetAddressBytes().CopyTo(frame, 0);
        ClientMac.GetAddressBytes().CopyTo(frame, 6);
        int p = 12;
        for (int i = 0; i < vlans.Length; i++)
        {
            BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(p), i == 0 ? outerTpid : (ushort)0x8100);
            BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(p + 2), (ushort)(vlans[i] & 0x0FFF));
            p += 4;
        }
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(p), EtherTypeOf(ip));
        ip.CopyTo(frame, p + 2);
        return frame;
    }

    /// <summary>Linux cooked capture v1 (LINKTYPE_LINUX_SLL, 16-byte header).</summary>
    public static byte[] Sll(byte[] ip, ushort packetType = 0)
    {
        var frame = new byte[16 + ip.Length];
        BinaryPrimitives.WriteUInt16BigEndian(frame, packetType);
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(2), 1);   // ARPHRD_ETHER
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(4), 6);
        ClientMac.GetAddressBytes().CopyTo(frame, 6);
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(14), EtherTypeOf(ip));
        ip.CopyTo(frame, 16);
        return frame;
    }

    /// <summary>Linux cooked capture v2 (LINKTYPE_LINUX_SLL2, 20-byte header).</summary>
    public static byte[] Sll2(byte[] ip, uint interfaceIndex = 1)
    {
        var frame = new byte[20 + ip.Length];
        BinaryPrimitives.WriteUInt16BigEndian(frame, EtherTypeOf(ip));
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(4), interfaceIndex);
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(8), 1);   // ARPHRD_ETHER
        frame[10] = 0;                                               // PACKET_HOST
        frame[11] = 6;
        ClientMac.GetAddressBytes().CopyTo(frame, 12);
        ip.CopyTo(frame, 20);
        return frame;
    }

    /// <summary>BSD NULL loopback: a 4-byte address family in the capturing host's byte order.</summary>
    public static byte[] Null(byte[] ip, bool bigEndianHost = false, uint? family = null)
    {
        uint af = family ?? (ip[0] >> 4 == 4 ? 2u : 30u);
        var frame = new byte[4 + ip.Length];
        if (bigEndianHost) BinaryPrimitives.WriteUInt32BigEndian(frame, af);
        else BinaryPrimitives.WriteUInt32LittleEndian(frame, af);
        ip.CopyTo(frame, 4);
        return frame;
    }

    /// <summary>OpenBSD LOOP: the address family in network byte order.</summary>
    public static byte[] Loop(byte[] ip)
    {
        var frame = new byte[4 + ip.Length];
        BinaryPrimitives.WriteUInt32BigEndian(frame, ip[0] >> 4 == 4 ? 2u : 24u);
        ip.CopyTo(frame, 4);
        return frame;
    }

    /// <summary>Inserts IPv4 options (padded to 4 bytes) into an IPv4 packet and fixes lengths and the header checksum.</summary>
    public static byte[] WithIpv4Options(byte[] ipv4, byte[] options)
    {
        int ihl = (ipv4[0] & 0x0F) * 4;
        int padded = (options.Length + 3) & ~3;
        var result = new byte[ipv4.Length + padded];
        ipv4.AsSpan(0, ihl).CopyTo(result);
        options.CopyTo(result, ihl);
        ipv4.AsSpan(ihl).CopyTo(result.AsSpan(ihl + padded));
        result[0] = (byte)(0x40 | ((ihl + padded) / 4));
        BinaryPrimitives.WriteUInt16BigEndian(result.AsSpan(2), (ushort)result.Length);
        TestChecksums.FixIpv4Header(result);
        return result;
    }

    /// <summary>
    /// Inserts IPv6 extension headers (0 hop-by-hop, 43 routing, 60 destination options, 51 AH) between the fixed
    /// header and the upper-layer header, in the given order. The transport checksum stays valid (segments left = 0).
    /// </summary>
    public static byte[] WithIpv6ExtensionHeaders(byte[] ipv6, params byte[] headerTypes)
    {
        var ext = new List<byte>();
        byte upper = ipv6[6];
        for (int i = 0; i < headerTypes.Length; i++)
        {
            byte next = i + 1 < headerTypes.Length ? headerTypes[i + 1] : upper;
            byte[] h = headerTypes[i] == 51
                ? [next, 2, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0xAA, 0xBB, 0xCC, 0xDD]   // AH: (2+2)*4 = 16 bytes
                : headerTypes[i] == 43
                    ? [next, 0, 0, 0, 0, 0, 0, 0]                                 // routing type 0, segments left 0
                    : [next, 1, 1, 12, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];       // options: PadN, 16 bytes
            ext.AddRange(h);
        }
        var result = new byte[ipv6.Length + ext.Count];
        ipv6.AsSpan(0, 40).CopyTo(result);
        ext.CopyTo(result, 40);
        ipv6.AsSpan(40).CopyTo(result.AsSpan(40 + ext.Count));
        if (headerTypes.Length > 0)
            result[6] = headerTypes[0];
        BinaryPrimitives.WriteUInt16BigEndian(result.AsSpan(4), (ushort)(result.Length - 40));
        return result;
    }

    /// <summary>Splits an IPv4 packet into fragments carrying at most <paramref name="chunk"/> payload bytes (rounded down to 8).</summary>
    public static List<byte[]> Ipv4Fragments(byte[] ipv4, int chunk)
    {
        chunk &= ~7;
        int ihl = (ipv4[0] & 0x0F) * 4;
        int total = BinaryPrimitives.ReadUInt16BigEndian(ipv4.AsSpan(2));
        var payload = ipv4.AsSpan(ihl, total - ihl);
        var list = new List<byte[]>();
        for (int off = 0; off < payload.Length; off += chunk)
        {
            int n = Math.Min(chunk, payload.Length - off);
            bool more = off + n < payload.Length;
            var f = new byte[ihl + n];
            ipv4.AsSpan(0, ihl).CopyTo(f);
            payload.Slice(off, n).CopyTo(f.AsSpan(ihl));
            BinaryPrimitives.WriteUInt16BigEndian(f.AsSpan(2), (ushort)f.Length);
            BinaryPrimitives.WriteUInt16BigEndian(f.AsSpan(6), (ushort)((more ? 0x2000 : 0) | (off / 8)));
            TestChecksums.FixIpv4Header(f);
            list.Add(f);
        }
        return list;
    }

    /// <summary>Splits an IPv6 packet (no extension headers) into fragments with a Fragment header of the given id.</summary>
    public static List<byte[]> Ipv6Fragments(byte[] ipv6, int chunk, uint id)
    {
        chunk &= ~7;
        byte upper = ipv6[6];
        var payload = ipv6.AsSpan(40);
        var list = new List<byte[]>();
        for (int off = 0; off < payload.Length; off += chunk)
        {
            int n = Math.Min(chunk, payload.Length - off);
            bool more = off + n < payload.Length;
            var f = new byte[48 + n];
            ipv6.AsSpan(0, 40).CopyTo(f);
            f[6] = 44;
            f[40] = upper;
            BinaryPrimitives.WriteUInt16BigEndian(f.AsSpan(42), (ushort)(off | (more ? 1 : 0)));
            BinaryPrimitives.WriteUInt32BigEndian(f.AsSpan(44), id);
            payload.Slice(off, n).CopyTo(f.AsSpan(48));
            BinaryPrimitives.WriteUInt16BigEndian(f.AsSpan(4), (ushort)(8 + n));
            list.Add(f);
        }
        return list;
    }

    private static ushort EtherTypeOf(byte[] ip) => (ip[0] >> 4) switch
    {
        4 => 0x0800,
        6 => 0x86DD,
        _ => throw new ArgumentException("Not an IP packet."),
    };
}
