using System.Net.NetworkInformation;
using MailSniffer.Core.Capture;
using MailSniffer.Core.Text;
using PacketDotNet;

namespace MailSniffer.Tui.Packets;

/// <summary>
/// A frame as a Wireshark-like tree (link, IP, TCP/UDP header fields, payload) using PacketDotNet. PacketDotNet throws
/// on truncated or garbage frames (IndexOutOfRange, NotImplemented): the layers read before the failure are kept and a
/// "malformed: ..." line says where it stopped; <see cref="FrameSummary"/> (our own decoder) still describes the frame.
/// </summary>
public static class PacketDissector
{
    public static IReadOnlyList<DissectionLine> Dissect(CapturedFrame frame)
    {
        var lines = new List<DissectionLine>
        {
            new(0, $"Frame {frame.Number}: {frame.Data.Length} bytes captured ({frame.OriginalLength} on the wire), {SafeText.ForTerminal(frame.Timestamp.ToIso8601())}"),
            new(1, $"Link type: {LinkName(frame.LinkType)} ({(int)frame.LinkType})"),
        };
        if (frame.Data.Length < frame.OriginalLength) lines.Add(new(1, $"Truncated by the snap length: {frame.OriginalLength - frame.Data.Length} bytes not captured"));
        try
        {
            var packet = Packet.ParsePacket((LinkLayers)(int)frame.LinkType, frame.Data);
            for (var p = packet; p != null; p = p.PayloadPacket)
            {
                int before = lines.Count;
                try { Describe(p, lines); }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    lines.RemoveRange(before, lines.Count - before);
                    lines.Add(new(0, $"malformed: {p.GetType().Name} could not be read ({e.GetType().Name}: {SafeText.ForTerminal(e.Message)})"));
                    return lines;
                }
                if (p.PayloadPacket == null && p.HasPayloadData && p.PayloadData is { Length: > 0 } data)
                    lines.Add(new(0, $"Payload: {data.Length} bytes  \"{Preview(data)}\""));
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            lines.Add(new(0, $"malformed: PacketDotNet could not parse this frame ({e.GetType().Name}: {SafeText.ForTerminal(e.Message)})"));
        }
        return lines;
    }

    private static void Describe(Packet p, List<DissectionLine> lines)
    {
        switch (p)
        {
            case EthernetPacket eth:
                lines.Add(new(0, $"Ethernet II, Src: {Mac(eth.SourceHardwareAddress)}, Dst: {Mac(eth.DestinationHardwareAddress)}"));
                lines.Add(new(1, $"Destination: {Mac(eth.DestinationHardwareAddress)}"));
                lines.Add(new(1, $"Source: {Mac(eth.SourceHardwareAddress)}"));
                lines.Add(new(1, $"Type: {eth.Type} (0x{(ushort)eth.Type:x4})"));
                break;
            case LinuxSllPacket sll:
                lines.Add(new(0, "Linux cooked capture v1"));
                lines.Add(new(1, $"Packet type: {sll.Type} ({(int)sll.Type})"));
                lines.Add(new(1, $"Link-layer address type: {sll.LinkLayerAddressType}"));
                lines.Add(new(1, $"Source: {Hex(sll.LinkLayerAddress, sll.LinkLayerAddressLength)}"));
                lines.Add(new(1, $"Protocol: {sll.EthernetProtocolType} (0x{(ushort)sll.EthernetProtocolType:x4})"));
                break;
            case LinuxSll2Packet sll2:
                lines.Add(new(0, "Linux cooked capture v2"));
                lines.Add(new(1, $"Protocol: {sll2.EthernetProtocolType} (0x{(ushort)sll2.EthernetProtocolType:x4})"));
                lines.Add(new(1, $"Interface index: {sll2.InterfaceIndex}"));
                lines.Add(new(1, $"Packet type: {sll2.Type} ({(int)sll2.Type})"));
                lines.Add(new(1, $"Source: {Hex(sll2.LinkLayerAddress, sll2.LinkLayerAddressLength)}"));
                break;
            case Ieee8021QPacket vlan:
                lines.Add(new(0, $"802.1Q Virtual LAN, ID: {vlan.VlanIdentifier}"));
                lines.Add(new(1, $"Priority: {vlan.PriorityControlPoint}"));
                lines.Add(new(1, $"ID: {vlan.VlanIdentifier}"));
                lines.Add(new(1, $"Type: {vlan.Type} (0x{(ushort)vlan.Type:x4})"));
                break;
            case NullPacket nul:
                lines.Add(new(0, "Null/Loopback"));
                lines.Add(new(1, $"Family: {nul.Protocol} ({(int)nul.Protocol})"));
                break;
            case IPv4Packet ip:
                lines.Add(new(0, $"Internet Protocol Version 4, Src: {ip.SourceAddress}, Dst: {ip.DestinationAddress}"));
                lines.Add(new(1, $"Header length: {ip.HeaderLength * 4} bytes ({ip.HeaderLength})"));
                lines.Add(new(1, $"Type of service: 0x{ip.TypeOfService:x2}"));
                lines.Add(new(1, $"Total length: {ip.TotalLength}"));
                lines.Add(new(1, $"Identification: 0x{ip.Id:x4} ({ip.Id})"));
                lines.Add(new(1, $"Flags: 0x{ip.FragmentFlags:x}{(((ip.FragmentFlags & 0x2) != 0) ? ", Don't fragment" : "")}{(((ip.FragmentFlags & 0x1) != 0) ? ", More fragments" : "")}"));
                lines.Add(new(1, $"Fragment offset: {ip.FragmentOffset}"));
                lines.Add(new(1, $"Time to live: {ip.TimeToLive}"));
                lines.Add(new(1, $"Protocol: {ip.Protocol} ({(int)ip.Protocol})"));
                lines.Add(new(1, $"Header checksum: 0x{ip.Checksum:x4}"));
                lines.Add(new(1, $"Source address: {ip.SourceAddress}"));
                lines.Add(new(1, $"Destination address: {ip.DestinationAddress}"));
                break;
            case IPv6Packet ip6:
                lines.Add(new(0, $"Internet Protocol Version 6, Src: {ip6.SourceAddress}, Dst: {ip6.DestinationAddress}"));
                lines.Add(new(1, $"Traffic class: 0x{ip6.TrafficClass:x2}"));
                lines.Add(new(1, $"Flow label: 0x{ip6.FlowLabel:x5}"));
                lines.Add(new(1, $"Payload length: {ip6.PayloadLength}"));
                lines.Add(new(1, $"Next header: {ip6.NextHeader} ({(int)ip6.NextHeader})"));
                lines.Add(new(1, $"Hop limit: {ip6.HopLimit}"));
                lines.Add(new(1, $"Source address: {ip6.SourceAddress}"));
                lines.Add(new(1, $"Destination address: {ip6.DestinationAddress}"));
                break;
            case TcpPacket tcp:
                int payload = tcp.PayloadData?.Length ?? 0;
                lines.Add(new(0, $"Transmission Control Protocol, Src Port: {tcp.SourcePort}, Dst Port: {tcp.DestinationPort}, Seq: {tcp.SequenceNumber}, Ack: {tcp.AcknowledgmentNumber}, Len: {payload}"));
                lines.Add(new(1, $"Source port: {tcp.SourcePort}"));
                lines.Add(new(1, $"Destination port: {tcp.DestinationPort}"));
                lines.Add(new(1, $"Sequence number (raw): {tcp.SequenceNumber}"));
                lines.Add(new(1, $"Acknowledgment number (raw): {tcp.AcknowledgmentNumber}"));
                lines.Add(new(1, $"Header length: {tcp.DataOffset * 4} bytes ({tcp.DataOffset})"));
                lines.Add(new(1, $"Flags: 0x{tcp.Flags:x3} ({TcpFlagNames.Of((byte)tcp.Flags)})"));
                lines.Add(new(1, $"Window: {tcp.WindowSize}"));
                lines.Add(new(1, $"Checksum: 0x{tcp.Checksum:x4}"));
                lines.Add(new(1, $"Urgent pointer: {tcp.UrgentPointer}"));
                if (tcp.Options is { Length: > 0 } options) lines.Add(new(1, $"Options: {options.Length} bytes"));
                lines.Add(new(1, $"TCP payload: {payload} bytes"));
                break;
            case UdpPacket udp:
                lines.Add(new(0, $"User Datagram Protocol, Src Port: {udp.SourcePort}, Dst Port: {udp.DestinationPort}"));
                lines.Add(new(1, $"Source port: {udp.SourcePort}"));
                lines.Add(new(1, $"Destination port: {udp.DestinationPort}"));
                lines.Add(new(1, $"Length: {udp.Length}"));
                lines.Add(new(1, $"Checksum: 0x{udp.Checksum:x4}"));
                break;
            default:
                lines.Add(new(0, $"{p.GetType().Name.Replace("Packet", "")} ({p.HeaderData?.Length ?? 0}-byte header)"));
                break;
        }
    }

    private static string LinkName(LinkType t) => Enum.IsDefined(t) ? t.ToString() : "unknown";

    private static string Mac(PhysicalAddress? a) => a is null ? "?" : string.Join(':', a.GetAddressBytes().Select(b => b.ToString("x2")));

    private static string Hex(byte[]? bytes, int length) =>
        bytes is null ? "?" : string.Join(':', bytes.Take(Math.Clamp(length, 0, bytes.Length)).Select(b => b.ToString("x2")));

    private static string Preview(byte[] data)
    {
        var text = SafeText.ForTerminal(data.AsSpan(0, Math.Min(data.Length, 48)));
        return data.Length > 48 ? text + "…" : text;
    }
}
