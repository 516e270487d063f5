using System.Buffers.Binary;
using System.Net;

namespace MailSniffer.Core.Frames;

/// <summary>
/// An IPv4 or IPv6 address held in two longs, so flow lookup on the hot path hashes and compares without allocating.
/// IPv4 is stored as ::ffff:a.b.c.d with <see cref="IsV4"/> set.
/// </summary>
public readonly record struct IpAddress128(ulong High, ulong Low, bool IsV4)
{
    public static IpAddress128 FromV4(ReadOnlySpan<byte> four) =>
        new(0, 0x0000_FFFF_0000_0000UL | BinaryPrimitives.ReadUInt32BigEndian(four), true);

    public static IpAddress128 FromV6(ReadOnlySpan<byte> sixteen) =>
        new(BinaryPrimitives.ReadUInt64BigEndian(sixteen), BinaryPrimitives.ReadUInt64BigEndian(sixteen[8..]), false);

    public static IpAddress128 FromIPAddress(IPAddress a)
    {
        Span<byte> b = stackalloc byte[16];
        if (a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork)
        {
            a.TryWriteBytes(b, out _);
            return FromV4(b[..4]);
        }
        a.TryWriteBytes(b, out _);
        return FromV6(b);
    }

    public IPAddress ToIPAddress()
    {
        if (IsV4)
        {
            Span<byte> b4 = stackalloc byte[4];
            BinaryPrimitives.WriteUInt32BigEndian(b4, (uint)Low);
            return new IPAddress(b4);
        }
        Span<byte> b = stackalloc byte[16];
        BinaryPrimitives.WriteUInt64BigEndian(b, High);
        BinaryPrimitives.WriteUInt64BigEndian(b[8..], Low);
        return new IPAddress(b);
    }

    public override string ToString() => ToIPAddress().ToString();
}
