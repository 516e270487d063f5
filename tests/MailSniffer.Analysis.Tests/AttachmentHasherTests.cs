using System.Security.Cryptography;
using System.Text;
using MailSniffer.Analysis.Messages;

namespace MailSniffer.Analysis.Tests;

public class AttachmentHasherTests
{
    private static MemoryStream Encoded(byte[] data) =>
        new(Encoding.ASCII.GetBytes(Convert.ToBase64String(data, Base64FormattingOptions.InsertLineBreaks)));

    [Theory]
    [InlineData(1)]        // "xx==" padding
    [InlineData(2)]        // "xxx=" padding
    [InlineData(3)]        // no padding
    [InlineData(200_001)]  // padding after several read chunks
    [InlineData(200_002)]
    public void Padded_base64_is_decoded_by_the_fast_path(int length)
    {
        var data = new byte[length];
        new Random(length).NextBytes(data);
        var result = AttachmentHasher.TryBase64(Encoded(data));
        Assert.NotNull(result);
        Assert.Equal(length, result.Value.Size);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(data)), result.Value.Sha256);
    }

    [Theory]
    [InlineData("QUJD\r\nRA==\r\nRUZH\r\n")]  // padding in the middle
    [InlineData("QUJD\r\n*RUZH\r\n")]         // a stray character
    [InlineData("QUJDRA")]                     // truncated quantum
    public void Base64_the_strict_decoder_rejects_is_left_to_MimeKit(string encoded)
    {
        Assert.Null(AttachmentHasher.TryBase64(new MemoryStream(Encoding.ASCII.GetBytes(encoded))));
    }
}

/// <summary>
/// A part of a message held in memory chunks is decoded from the chunks in place; it must give what the stream path and
/// MimeKit give, wherever chunk boundaries fall.
/// </summary>
public class AttachmentHasherInPlaceTests
{
    public static TheoryData<int, string, int> Layouts => new()
    {
        { 1, "76-crlf", 5000 },
        { 57 * 1000, "76-crlf", 0 },
        { 200_001, "76-crlf", 0 },
        { 200_002, "64-crlf", 3 },
        { 300_000, "76-lf", 11 },
        { 150_000, "ragged", 4095 },
        { 100_000, "76-crlf-spaces", 1 },
        { 500_000, "one-line", 0 },
    };

    [Theory]
    [MemberData(nameof(Layouts))]
    public void Chunked_parts_decode_as_the_stream_path_and_MimeKit_do(int length, string layout, int prefix)
    {
        var data = new byte[length];
        new Random(length + prefix).NextBytes(data);
        string text = Layout(Convert.ToBase64String(data), layout);
        var (fast, viaStream, viaMimeKit) = DecodeThreeWays(text, prefix);
        string expected = Convert.ToHexStringLower(SHA256.HashData(data));
        Assert.NotNull(fast);
        Assert.Equal((length, expected), fast.Value);
        Assert.Equal(fast, viaStream);
        Assert.Equal((length, expected), viaMimeKit);
    }

    [Theory]
    [InlineData("QUJD\r\nRA==\r\nRUZH\r\n")]
    [InlineData("QUJD\r\n*RUZH\r\n")]
    [InlineData("QUJDRA\r\n")]
    public void Invalid_base64_in_chunks_is_left_to_MimeKit_as_from_a_stream(string encoded)
    {
        // Pad the message so the part lies in pooled chunks, not the first small one.
        var (fast, viaStream, _) = DecodeThreeWays(encoded, prefix: 70_000);
        Assert.Null(fast);
        Assert.Null(viaStream);
    }

    private static string Layout(string b64, string layout) => layout switch
    {
        "76-crlf" => Lines(b64, 76, "\r\n", ""),
        "64-crlf" => Lines(b64, 64, "\r\n", ""),
        "76-lf" => Lines(b64, 76, "\n", ""),
        "76-crlf-spaces" => Lines(b64, 76, "\r\n", "  "),
        "one-line" => b64 + "\r\n",
        _ => Ragged(b64),
    };

    private static string Lines(string b64, int width, string eol, string trailing)
    {
        var sb = new StringBuilder();
        for (int i = 0; i < b64.Length; i += width) sb.Append(b64, i, Math.Min(width, b64.Length - i)).Append(trailing).Append(eol);
        return sb.ToString();
    }

    private static string Ragged(string b64)
    {
        var random = new Random(7);
        var sb = new StringBuilder();
        for (int i = 0; i < b64.Length;)
        {
            int n = Math.Min(random.Next(1, 120), b64.Length - i);
            sb.Append(b64, i, n).Append(random.Next(3) == 0 ? "\n" : "\r\n");
            i += n;
        }
        return sb.ToString();
    }

    private static ((long, string)? Fast, (long, string)? Stream, (long, string) MimeKit) DecodeThreeWays(string encoded, int prefix)
    {
        string message = "From: a@example.org\r\nSubject: t\r\nMIME-Version: 1.0\r\n"
            + "Content-Type: multipart/mixed; boundary=\"b\"\r\n\r\n"
            + "--b\r\nContent-Type: text/plain\r\n\r\n" + new string('x', prefix) + "\r\n"
            + "--b\r\nContent-Type: application/octet-stream\r\nContent-Transfer-Encoding: base64\r\n"
            + "Content-Disposition: attachment; filename=\"f.bin\"\r\n\r\n" + encoded + "\r\n--b--\r\n";
        // Appended as a decoder does: a small first chunk, then pooled chunks (FromBytes would keep it in one array).
        using var content = new MailSniffer.Decoders.Messages.MessageContent();
        content.Append(Encoding.ASCII.GetBytes(message));
        using var stream = content.OpenRead();
        Assert.IsType<MailSniffer.Decoders.Messages.ChunkedContentStream>(stream);
        var parser = new MimeKit.MimeParser(stream, MimeKit.MimeFormat.Entity, persistent: true);
        using var parsed = parser.ParseMessage();
        var part = parsed.BodyParts.OfType<MimeKit.MimePart>().Single(p => p.FileName == "f.bin");
        Assert.IsType<MimeKit.IO.BoundStream>(part.Content!.Stream);
        var fast = AttachmentHasher.TryBase64(part.Content.Stream);
        var viaStream = AttachmentHasher.TryBase64(new MemoryStream(Encoding.ASCII.GetBytes(encoded)));
        using var decoded = new MemoryStream();
        part.Content.DecodeTo(decoded);
        return (fast, viaStream, (decoded.Length, Convert.ToHexStringLower(SHA256.HashData(decoded.ToArray()))));
    }
}
