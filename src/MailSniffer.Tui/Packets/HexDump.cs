using System.Text;

namespace MailSniffer.Tui.Packets;

/// <summary>Classic hex dump lines: 4-digit offset, 16 bytes in hex (a gap after 8), and the bytes as ASCII with anything unprintable as '.'.</summary>
public static class HexDump
{
    /// <summary>Frames larger than this are cut (a jumbo frame or a reassembled 64 KiB datagram is still shown whole).</summary>
    public const int MaxBytes = 65_536;

    public static List<string> Lines(ReadOnlySpan<byte> data)
    {
        int length = Math.Min(data.Length, MaxBytes);
        var lines = new List<string>((length + 15) / 16 + 1);
        var sb = new StringBuilder(80);
        for (int offset = 0; offset < length; offset += 16)
        {
            sb.Clear();
            sb.Append(offset.ToString("x4")).Append("  ");
            int n = Math.Min(16, length - offset);
            for (int i = 0; i < 16; i++)
            {
                if (i == 8) sb.Append(' ');
                if (i < n) sb.Append(data[offset + i].ToString("x2")).Append(' '); else sb.Append("   ");
            }
            sb.Append(' ');
            for (int i = 0; i < n; i++)
            {
                byte b = data[offset + i];
                // Printable ASCII only: every other byte (controls, escape, UTF-8 lead bytes) is a dot and can do nothing to a terminal.
                sb.Append(b is >= 0x20 and < 0x7f ? (char)b : '.');
            }
            lines.Add(sb.ToString().TrimEnd());
        }
        if (data.Length > length) lines.Add($"… {data.Length - length} more bytes not shown");
        return lines;
    }
}
