namespace MailSniffer.Server.Queue;

/// <summary>RFC 5321 4.5.2 transparency for DATA: double leading dots, end with CRLF.CRLF.</summary>
public static class DotStuffing
{
    public static byte[] Encode(ReadOnlySpan<byte> content)
    {
        var output = new MemoryStream(content.Length + 64);
        var lineStart = true;
        foreach (var b in content)
        {
            if (lineStart && b == '.') output.WriteByte((byte)'.');
            output.WriteByte(b);
            lineStart = b == '\n';
        }
        if (!lineStart) output.Write("\r\n"u8);
        output.Write(".\r\n"u8);
        return output.ToArray();
    }
}
