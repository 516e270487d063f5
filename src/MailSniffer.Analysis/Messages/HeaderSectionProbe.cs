using System.Buffers;

namespace MailSniffer.Analysis.Messages;

/// <summary>
/// Finds whether a message's header section ends (a blank line) within a limit. MimeKit keeps every header in memory,
/// so a hostile message whose "header" is a gigabyte without a blank line would cost a gigabyte to parse.
/// </summary>
internal static class HeaderSectionProbe
{
    /// <summary>
    /// Reads start small and double: nearly every header section ends in the first kilobytes, and reading 16 KiB of
    /// every message up front copied more bytes than the probe ever looked at.
    /// </summary>
    private const int FirstRead = 2 * 1024;
    private const int LargestRead = 64 * 1024;

    /// <summary>True when the header section ends (or the message ends) within <paramref name="limit"/> bytes. Rewinds the stream.</summary>
    public static bool EndsWithin(Stream content, int limit)
    {
        long start = content.Position;
        byte[] buffer = ArrayPool<byte>.Shared.Rent(LargestRead);
        int read = 0;
        int want = FirstRead;
        // The two bytes before each chunk, so a blank line split across reads is still seen.
        byte previous2 = 0, previous1 = (byte)'\n';
        try
        {
            while (read < limit)
            {
                int n = content.Read(buffer, 0, Math.Min(want, limit - read));
                if (n == 0) return true;
                if (ContainsBlankLine(buffer.AsSpan(0, n), previous2, previous1)) return true;
                previous2 = n >= 2 ? buffer[n - 2] : previous1;
                previous1 = buffer[n - 1];
                read += n;
                want = Math.Min(want * 2, LargestRead);
            }
            return false;
        }
        finally
        {
            content.Position = start;
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>A line feed preceded by a line feed, or by CR after a line feed, counting the two bytes before the chunk.</summary>
    private static bool ContainsBlankLine(ReadOnlySpan<byte> chunk, byte previous2, byte previous1)
    {
        int from = 0;
        while (true)
        {
            int lf = chunk[from..].IndexOf((byte)'\n');
            if (lf < 0) return false;
            int i = from + lf;
            byte before1 = i >= 1 ? chunk[i - 1] : previous1;
            byte before2 = i >= 2 ? chunk[i - 2] : i == 1 ? previous1 : previous2;
            if (before1 == (byte)'\n' || (before1 == (byte)'\r' && before2 == (byte)'\n')) return true;
            from = i + 1;
        }
    }
}
