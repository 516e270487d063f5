using System.Security.Cryptography;
using MailSniffer.Decoders.Messages;

namespace MailSniffer.Decoders.Tests.Messages;

public class Sha256ContextsTests
{
    [Fact]
    public void A_context_returned_half_fed_hashes_correctly_when_rented_again()
    {
        for (int i = 0; i < 40; i++)
        {
            var sha = Sha256Contexts.Rent();
            sha.AppendData("left over"u8);
            Sha256Contexts.Return(sha);
        }
        var data = "message"u8.ToArray();
        var again = Sha256Contexts.Rent();
        again.AppendData(data);
        Assert.Equal(SHA256.HashData(data), again.GetHashAndReset());
        Sha256Contexts.Return(again);
    }

    [Fact]
    public void Disposing_content_twice_does_not_share_its_context_between_two_later_contents()
    {
        var first = new MessageContent();
        first.Append("abc"u8);
        first.Dispose();
        first.Dispose();
        using var a = new MessageContent();
        using var b = new MessageContent();
        a.Append("one"u8);
        b.Append("two"u8);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData("one"u8)), a.Sha256Hex);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData("two"u8)), b.Sha256Hex);
        Assert.Throws<ObjectDisposedException>(() => first.Sha256Hex);
    }
}
