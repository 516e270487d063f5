using System.Buffers;

namespace MailSniffer.Analysis.Messages;

/// <summary>
/// Finds whether a message's header section ends (a blank line) within a limit. MimeKit keeps every header in memory,
/// so a hostile message whose "header" is a gigabyte without a blank line would cost a gigabyte to parse.
/// </summary>
internal static class HeaderSectionProbe
{
    /// <summary>True when the header section ends (or the message ends) within <paramref name="limit"/> bytes. Rewinds the stream.</summary>
    public static bool EndsWithin(Stream content, int limit)
    {
        long start = content.Position;
        byte[] buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
        int read = 0;
        // Bytes carried over between chunks so a blank line split across reads is still seen.
        byte previous2 = 0, previous1 = (byte)'\n';
        try
        {
            while (read < limit)
            {
                int n = content.Read(buffer, 0, Math.Min(buffer.Length, limit - read));
                if (n == 0) return true;
                for (int i = 0; i < n; i++)
                {
                    byte b = buffer[i];
                    if (b == (byte)'\n' && (previous1 == (byte)'\n' || (previous1 == (byte)'\r' && previous2 == (byte)'\n'))) return true;
                    previous2 = previous1;
                    previous1 = b;
                }
                read += n;
            }
            return false;
        }
        finally
        {
            content.Position = start;
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
