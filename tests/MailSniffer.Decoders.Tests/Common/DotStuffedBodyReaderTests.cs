using System.Text;
using MailSniffer.Decoders.Common;
using MailSniffer.Decoders.Messages;

namespace MailSniffer.Decoders.Tests.Common;

public sealed class DotStuffedBodyReaderTests
{
    private static (string Body, bool Ended, string Remainder) Read(string wire, int pieceSize)
    {
        var reader = new DotStuffedBodyReader();
        using var content = new MessageContent();
        var bytes = Encoding.ASCII.GetBytes(wire);
        for (int i = 0; i < bytes.Length; i += pieceSize)
        {
            ReadOnlySpan<byte> span = bytes.AsSpan(i, Math.Min(pieceSize, bytes.Length - i));
            if (reader.Read(ref span, content))
            {
                int consumed = i + Math.Min(pieceSize, bytes.Length - i) - span.Length;
                return (Encoding.ASCII.GetString(content.ToArray()), true, wire[consumed..]);
            }
        }
        return (Encoding.ASCII.GetString(content.ToArray()), false, "");
    }

    public static TheoryData<string, string, string> Cases => new()
    {
        { "a\r\nb\r\n.\r\nQUIT\r\n", "a\r\nb\r\n", "QUIT\r\n" },
        { ".\r\n", "", "" },
        { "..\r\n.\r\n", ".\r\n", "" },
        { "x\r\n..y\r\n...\r\n.\r\n", "x\r\n.y\r\n..\r\n", "" },
        { "lf only\n.\n", "lf only\n", "" },
        { "dot mid.line\r\n.\r\n", "dot mid.line\r\n", "" },
        { "odd\r\n.\rX\r\n.\r\n", "odd\r\n\rX\r\n", "" },
        { "\r\n.\r\n", "\r\n", "" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Unstuffs_and_stops_at_the_terminator_for_every_split(string wire, string body, string rest)
    {
        foreach (int piece in new[] { 1, 2, 3, 5, 1000 })
            Assert.Equal((body, true, rest), Read(wire, piece));
    }

    [Fact]
    public void Unterminated_body_keeps_every_byte()
    {
        Assert.Equal(("no end\r\n.x", false, ""), Read("no end\r\n..x", 1));
    }

    [Fact]
    public void After_losing_line_sync_a_dot_is_not_taken_as_line_start()
    {
        var reader = new DotStuffedBodyReader();
        using var content = new MessageContent();
        reader.LoseLineSync();
        ReadOnlySpan<byte> span = ".\r\nmore\r\n.\r\n"u8;
        Assert.True(reader.Read(ref span, content));
        Assert.Equal(".\r\nmore\r\n", Encoding.ASCII.GetString(content.ToArray()));
    }
}
