using System.Buffers.Text;
using System.Text;

namespace MailSniffer.Decoders.Sasl;

/// <summary>Tolerant base64 for SASL lines: never throws, returns null for what is not base64.</summary>
public static class SaslBase64
{
    /// <summary>True for a line that could be a SASL response: base64 alphabet only (or "*", the cancel). Empty is allowed.</summary>
    public static bool LooksLikeResponse(string line)
    {
        if (line == "*") return true;
        foreach (char c in line)
            if (!char.IsAsciiLetterOrDigit(c) && c != '+' && c != '/' && c != '=') return false;
        return true;
    }

    public static byte[]? DecodeBytes(string text)
    {
        text = text.Trim();
        if (text.Length == 0 || text == "=") return [];
        var bytes = Encoding.ASCII.GetBytes(text);
        if (bytes.Length % 4 != 0)
        {
            // Some clients drop the padding.
            Array.Resize(ref bytes, bytes.Length + (4 - bytes.Length % 4) % 4);
            for (int i = text.Length; i < bytes.Length; i++) bytes[i] = (byte)'=';
        }
        var output = new byte[Base64.GetMaxDecodedFromUtf8Length(bytes.Length)];
        return Base64.DecodeFromUtf8(bytes, output, out _, out int written) == System.Buffers.OperationStatus.Done
            ? output.AsSpan(0, written).ToArray()
            : null;
    }

    /// <summary>Decoded as UTF-8 (invalid bytes become U+FFFD), or null when not base64.</summary>
    public static string? DecodeText(string text)
    {
        var bytes = DecodeBytes(text);
        return bytes == null ? null : Encoding.UTF8.GetString(bytes);
    }
}
