using MailSniffer.Tui.Filtering;

namespace MailSniffer.Tui.Tests;

public class RowFilterTests
{
    private static readonly FilterSubject Smtp = new("smtp", new[] { "10.0.0.5", "192.168.1.9" }, "alice", new[] { "alice@a.test", "bob@b.test" }, "Lunch on Friday?");

    [Theory]
    [InlineData("", true)]
    [InlineData("proto:smtp", true)]
    [InlineData("proto:SMTP", true)]
    [InlineData("proto:pop3", false)]
    [InlineData("proto:smt", false)]
    [InlineData("host:10.0.0.5", true)]
    [InlineData("host:10.0.0.6", false)]
    [InlineData("user:ali", true)]
    [InlineData("user:bob", false)]
    [InlineData("addr:bob@b.test", true)]
    [InlineData("addr:carol", false)]
    [InlineData("lunch", true)]
    [InlineData("proto:smtp lunch user:alice", true)]
    [InlineData("proto:smtp dinner", false)]
    [InlineData("bob@b", true)]
    public void Terms_must_all_match(string filter, bool expected) =>
        Assert.Equal(expected, RowFilter.Parse(filter).Matches(Smtp));

    [Fact]
    public void Unknown_keys_and_empty_values_are_searched_as_text()
    {
        Assert.False(RowFilter.Parse("colour:red").Matches(Smtp));
        Assert.True(RowFilter.Parse("colour:red").Matches(Smtp with { Text = "colour:red car" }));
        Assert.True(RowFilter.Parse("user:").Matches(Smtp with { Text = "user: x" }));
        Assert.False(RowFilter.Parse("user:").Matches(Smtp));
    }

    [Fact]
    public void Null_user_never_matches_a_user_term() =>
        Assert.False(RowFilter.Parse("user:a").Matches(Smtp with { User = null }));
}
