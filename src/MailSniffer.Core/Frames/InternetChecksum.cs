using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace MailSniffer.Core.Frames;

/// <summary>
/// RFC 1071 checksum. The data is summed in native byte order 8 bytes at a time (the one's-complement sum commutes
/// with byte swapping, RFC 1071 §2(B)), then folded and swapped once.
/// </summary>
internal static class InternetChecksum
{
    /// <summary>The one's-complement sum of <paramref name="data"/> as big-endian 16-bit words, folded to 16 bits (not inverted).</summary>
    public static uint Sum(ReadOnlySpan<byte> data)
    {
        ulong sum = 0;
        ref byte start = ref MemoryMarshal.GetReference(data);
        int i = 0;
        int n = data.Length;
        if (Vector256.IsHardwareAccelerated && n >= 64)
        {
            // Payload checksums are the single largest per-byte cost of the capture stage: sum 32-bit words into 64-bit
            // lanes (no carries to propagate for any IP-sized input), fold once at the end.
            var acc0 = Vector256<ulong>.Zero;
            var acc1 = Vector256<ulong>.Zero;
            for (; i + 32 <= n; i += 32)
            {
                var (lo, hi) = Vector256.Widen(Vector256.LoadUnsafe(ref start, (nuint)i).AsUInt32());
                acc0 += lo;
                acc1 += hi;
            }
            sum = Vector256.Sum(acc0 + acc1);
        }
        for (; i + 8 <= n; i += 8)
        {
            ulong v = Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref start, i));
            sum += v;
            if (sum < v)
                sum++;
        }
        if (i + 4 <= n)
        {
            ulong v = Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref start, i));
            sum += v;
            if (sum < v)
                sum++;
            i += 4;
        }
        if (i + 2 <= n)
        {
            ulong v = Unsafe.ReadUnaligned<ushort>(ref Unsafe.Add(ref start, i));
            sum += v;
            if (sum < v)
                sum++;
            i += 2;
        }
        if (i < n)
        {
            // A lone last byte is the high half of a big-endian word; in a native little-endian read it sits low.
            ulong v = BitConverter.IsLittleEndian ? Unsafe.Add(ref start, i) : (ulong)Unsafe.Add(ref start, i) << 8;
            sum += v;
            if (sum < v)
                sum++;
        }
        uint folded = Fold(sum);
        return BitConverter.IsLittleEndian ? BinaryPrimitives.ReverseEndianness((ushort)folded) : folded;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint Fold(ulong sum)
    {
        sum = (sum & 0xFFFF_FFFF) + (sum >> 32);
        sum = (sum & 0xFFFF_FFFF) + (sum >> 32);
        uint s = (uint)sum;
        s = (s & 0xFFFF) + (s >> 16);
        s = (s & 0xFFFF) + (s >> 16);
        return s;
    }

    /// <summary>True when a header or segment (checksum field included) sums to 0xFFFF, i.e. its checksum is right.</summary>
    public static bool IsValid(uint sumIncludingChecksum) => Fold(sumIncludingChecksum) == 0xFFFF;
}
