using System.Text;

namespace MailSniffer.Core.Text;

/// <summary>
/// Makes strings from the wire safe for a terminal: control characters (C0, DEL, C1, including ESC, which starts escape
/// sequences) and bidi overrides are shown visibly instead of being interpreted.
/// </summary>
public static class SafeText
{
    public static string ForTerminal(string? s)
    {
        if (string.IsNullOrEmpty(s)) return s ?? "";
        int i = 0;
        while (i < s.Length && !NeedsEscape(s[i])) i++;
        if (i == s.Length) return s;

        var sb = new StringBuilder(s.Length + 16);
        sb.Append(s, 0, i);
        for (; i < s.Length; i++)
        {
            char c = s[i];
            if (!NeedsEscape(c)) { sb.Append(c); continue; }
            sb.Append(c switch
            {
                '\r' => "\\r",
                '\n' => "\\n",
                '\t' => "\\t",
                '\u001b' => "\\e",
                _ => c <= 0xFF ? $"\\x{(int)c:x2}" : $"\\u{(int)c:x4}",
            });
        }
        return sb.ToString();
    }

    /// <summary>Bytes as printable text: ASCII printable kept, everything else escaped (\r, \n, \xNN).</summary>
    public static string ForTerminal(ReadOnlySpan<byte> bytes, bool keepNewlines = false)
    {
        var sb = new StringBuilder(bytes.Length);
        foreach (byte b in bytes)
        {
            if (b >= 0x20 && b < 0x7f) sb.Append((char)b);
            else if (keepNewlines && b == (byte)'\n') sb.Append('\n');
            else if (keepNewlines && b == (byte)'\r') continue;
            else sb.Append(b switch { (byte)'\r' => "\\r", (byte)'\n' => "\\n", (byte)'\t' => "\\t", _ => $"\\x{b:x2}" });
        }
        return sb.ToString();
    }

    public static bool NeedsEscape(char c) =>
        c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0)
        || c is '\u200e' or '\u200f' or (>= '\u202a' and <= '\u202e') or (>= '\u2066' and <= '\u2069');
}
