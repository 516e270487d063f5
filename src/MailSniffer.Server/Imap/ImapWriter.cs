using System.Globalization;
using System.Text;

namespace MailSniffer.Server.Imap;

/// <summary>Builds response bytes: quoted strings when safe, literals for anything with CR, LF, quotes-heavy or 8-bit content.</summary>
public sealed class ImapWriter
{
    private readonly MemoryStream _buffer = new();

    public ImapWriter Raw(string text)
    {
        _buffer.Write(Encoding.UTF8.GetBytes(text));
        return this;
    }

    public ImapWriter Bytes(ReadOnlySpan<byte> bytes)
    {
        _buffer.Write(bytes);
        return this;
    }

    public ImapWriter NString(string? value) => value is null ? Raw("NIL") : String(value);

    public ImapWriter String(string value)
    {
        if (value.Length < 1024 && value.All(c => c >= 0x20 && c < 0x7f))
            return Raw("\"" + value.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"");
        return Literal(Encoding.UTF8.GetBytes(value));
    }

    public ImapWriter Literal(ReadOnlySpan<byte> bytes)
    {
        Raw("{" + bytes.Length.ToString(CultureInfo.InvariantCulture) + "}\r\n");
        return Bytes(bytes);
    }

    public byte[] ToArray() => _buffer.ToArray();
}
