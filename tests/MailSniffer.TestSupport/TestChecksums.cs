using System.Buffers.Binary;

namespace MailSniffer.TestSupport;

/// <summary>RFC 1071 one's-complement sum, for headers the helpers patch by hand after PacketDotNet built them.</summary>
public static class TestChecksums
{
    public static ushort Compute(ReadOnlySpan<byte> data)
    {
        uint sum = 0;
        int i = 0;
        for (; i + 1 < data.Length; i += 2)
            sum += BinaryPrimitives.ReadUInt16BigEndian(data[i..]);
        if (i < data.Length)
            sum += (uint)data[i] << 8;
        while ((sum >> 16) != 0)
            sum = (sum & 0xFFFF) + (sum >> 16);
        return (ushort)~sum;
    }

    /// <summary>Rewrites the IPv4 header checksum of a packet that starts at offset 0.</summary>
    public static void FixIpv4Header(Span<byte> ipv4)
    {
        int ihl = (ipv4[0] & 0x0F) * 4;
        ipv4[10] = 0;
        ipv4[11] = 0;
        BinaryPrimitives.WriteUInt16BigEndian(ipv4[10..], Compute(ipv4[..ihl]));
    }
}
