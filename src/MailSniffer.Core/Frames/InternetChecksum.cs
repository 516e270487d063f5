using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

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
        if (Vector.IsHardwareAccelerated && n >= 2 * Vector<byte>.Count)
        {
            int step = Vector<byte>.Count;
            while (i + step <= n)
            {
                // 16-bit words widened into 32-bit lanes gain at most 2 x 0xFFFF a step; flushing every 512 KiB
                // keeps the lanes far from overflow even for a jumbogram.
                var acc = Vector<uint>.Zero;
                int blockEnd = (int)Math.Min((long)i + (512 << 10), n);
                for (; i + step <= blockEnd; i += step)
                {
                    var words = Unsafe.ReadUnaligned<Vector<ushort>>(ref Unsafe.Add(ref start, i));
                    Vector.Widen(words, out var low, out var high);
                    acc += low + high;
                }
                Vector.Widen(acc, out var accLow, out var accHigh);
                ulong part = Vector.Sum(accLow + accHigh);
                sum += part;
                if (sum < part)
                    sum++;
            }
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
