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
