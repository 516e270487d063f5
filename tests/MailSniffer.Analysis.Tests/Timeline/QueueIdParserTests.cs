using MailSniffer.Analysis.Timeline;

namespace MailSniffer.Analysis.Tests.Timeline;

public class QueueIdParserTests
{
    [Theory]
    [InlineData("2.0.0 Ok: queued as 4ABC123", "4ABC123")]
    [InlineData("OK id=1abc-000123-AB", "1abc-000123-AB")]
    [InlineData("2.0.0 x8ABcd123456 Message accepted for delivery", "x8ABcd123456")]
    [InlineData("2.0.0 OK queued as 0A1B2C3D4E5F", "0A1B2C3D4E5F")]
    [InlineData("2.0.0 OK  1600000000 x12si123.45 - gsmtp", "x12si123.45")]
    public void Finds_the_id_in_known_reply_formats(string reply, string id) => Assert.Equal(id, QueueIdParser.Parse(reply));

    [Theory]
    [InlineData("2.0.0 OK")]
    [InlineData("Queued mail for delivery")]
    [InlineData("2.1.5 Recipient OK")]
    [InlineData("")]
    [InlineData("queued as ")]
    public void Finds_nothing_where_there_is_no_id(string reply) => Assert.Null(QueueIdParser.Parse(reply));

    [Fact]
    public void Long_hostile_reply_is_refused_quickly() => Assert.Null(QueueIdParser.Parse(new string('a', 100_000) + " queued as X1234"));
}
