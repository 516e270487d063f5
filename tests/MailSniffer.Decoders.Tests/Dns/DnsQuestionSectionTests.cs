using MailSniffer.Decoders.Dns;

namespace MailSniffer.Decoders.Tests.Dns;

public class DnsQuestionSectionTests
{
    private static readonly byte[] Query = new DnsWireBuilder { Id = 7 }.Question("mx.b.test", 15).Build();

    private static readonly byte[] Response = new DnsWireBuilder { Id = 7, Response = true }
        .Question("b.test", 15).Answer("b.test", 15, 300, DnsWireBuilder.Mx(10, "mx.b.test")).Edns().Build();

    [Fact]
    public void Queries_and_responses_the_library_parses_are_well_formed()
    {
        Assert.True(DnsQuestionSection.IsWellFormed(Query));
        Assert.True(DnsQuestionSection.IsWellFormed(Response));
    }

    [Fact]
    public void Every_truncation_of_a_query_is_refused()
    {
        for (int n = 0; n < Query.Length; n++) Assert.False(DnsQuestionSection.IsWellFormed(Query.AsSpan(0, n)), $"{n} bytes");
    }

    [Fact]
    public void Answer_counts_the_message_cannot_hold_are_refused()
    {
        var r = (byte[])Response.Clone();
        r[7] = 200; // 200 answers in a message of a few dozen bytes
        Assert.False(DnsQuestionSection.IsWellFormed(r));
    }

    [Fact]
    public void A_compression_pointer_must_point_backwards()
    {
        // Header, then a question whose name is a pointer to itself (offset 12): a loop if followed.
        byte[] loop = [0, 1, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0xC0, 12, 0, 1, 0, 1];
        Assert.False(DnsQuestionSection.IsWellFormed(loop));
        // Two questions, the second naming the first by a pointer back to offset 12: valid.
        byte[] shared = [0, 1, 1, 0, 0, 2, 0, 0, 0, 0, 0, 0, 1, (byte)'a', 0, 0, 1, 0, 1, 0xC0, 12, 0, 1, 0, 1];
        Assert.True(DnsQuestionSection.IsWellFormed(shared));
    }

    [Fact]
    public void Reserved_label_types_and_overlong_names_are_refused()
    {
        byte[] reserved = [0, 1, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0x41, 0, 0, 1, 0, 1];
        Assert.False(DnsQuestionSection.IsWellFormed(reserved));
        var longName = string.Join('.', Enumerable.Repeat(new string('x', 63), 5)); // 320 octets
        Assert.False(DnsQuestionSection.IsWellFormed(new DnsWireBuilder().Question(longName, 1).Build()));
    }

    [Fact]
    public void Random_bytes_never_throw_and_text_is_not_dns()
    {
        var rnd = new Random(5);
        for (int i = 0; i < 20_000; i++)
        {
            var b = new byte[rnd.Next(0, 300)];
            rnd.NextBytes(b);
            DnsQuestionSection.IsWellFormed(b);
        }
        Assert.False(DnsQuestionSection.IsWellFormed("hello world, not dns"u8));
        Assert.False(DnsQuestionSection.IsWellFormed("GET / HTTP/1.1\r\nHost: b.test\r\n\r\n"u8));
    }
}
