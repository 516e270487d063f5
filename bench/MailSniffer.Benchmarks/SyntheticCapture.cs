using System.Buffers.Binary;
using MailSniffer.Core.Capture;

namespace MailSniffer.Benchmarks;

/// <summary>Writes a capture of full-size (1514-byte) TCP frames with valid checksums, for a reproducible benchmark input.</summary>
internal static class SyntheticCapture
{
    public static void Write(string path, long targetBytes)
    {
        var frame = BuildFrame();
        using var writer = PcapWriter.Create(path, LinkType.Ethernet);
        var rng = new Random(1);
        long written = 24;
        uint seq = 1;
        long t = 1_700_000_000_000_000_000;
        while (written < targetBytes)
        {
            rng.NextBytes(frame.AsSpan(54));
            BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(38), seq);
            FixTcpChecksum(frame);
            writer.Write(new CaptureTime(t), frame);
            seq += 1460;
            t += 12_000;
            written += 16 + frame.Length;
        }
    }

    private static byte[] BuildFrame()
    {
        var f = new byte[1514];
        BinaryPrimitives.WriteUInt16BigEndian(f.AsSpan(12), 0x0800);
        var ip = f.AsSpan(14);
        ip[0] = 0x45;
        BinaryPrimitives.WriteUInt16BigEndian(ip[2..], 1500);
        ip[8] = 64;
        ip[9] = 6;
        ip[12] = 10; ip[15] = 1;
        ip[16] = 10; ip[19] = 2;
        BinaryPrimitives.WriteUInt16BigEndian(ip[10..], Checksum(ip[..20], 0));
        var tcp = f.AsSpan(34);
        BinaryPrimitives.WriteUInt16BigEndian(tcp, 40000);
        BinaryPrimitives.WriteUInt16BigEndian(tcp[2..], 25);
        tcp[12] = 0x50;
        tcp[13] = 0x18;
        BinaryPrimitives.WriteUInt16BigEndian(tcp[14..], 65535);
        return f;
    }

    private static void FixTcpChecksum(byte[] f)
    {
        var tcp = f.AsSpan(34);
        tcp[16] = 0;
        tcp[17] = 0;
        uint pseudo = 0x0A00 + 0x0001 + 0x0A00 + 0x0002 + 6u + (uint)tcp.Length;
        BinaryPrimitives.WriteUInt16BigEndian(tcp[16..], Checksum(tcp, pseudo));
    }

    private static ushort Checksum(ReadOnlySpan<byte> data, uint initial)
    {
        ulong sum = initial;
        int i = 0;
        for (; i + 1 < data.Length; i += 2)
            sum += BinaryPrimitives.ReadUInt16BigEndian(data[i..]);
        if (i < data.Length)
            sum += (uint)data[i] << 8;
        while ((sum >> 16) != 0)
            sum = (sum & 0xFFFF) + (sum >> 16);
        return (ushort)~sum;
    }
}
