using System.Text;
using MailSniffer.Analysis.Messages;
using MailSniffer.Decoders.Messages;

namespace MailSniffer.Analysis.Tests;

public class SummaryCacheTests
{
    private static MessageContent Content(string subject, int bodyBytes = 10_000)
    {
        var c = new MessageContent();
        c.Append(Encoding.ASCII.GetBytes($"From: a@example.org\r\nTo: b@example.org\r\nSubject: {subject}\r\n\r\n{new string('x', bodyBytes)}\r\n"));
        c.Seal();
        return c;
    }

    [Fact]
    public void The_same_bytes_are_summarised_once()
    {
        var cache = new SummaryCache();
        var summarizer = new MessageSummarizer(cache: cache);
        using var first = Content("one");
        using var again = Content("one");
        using var other = Content("two");
        var a = summarizer.Summarize(first);
        var b = summarizer.Summarize(again);
        var c = summarizer.Summarize(other);
        Assert.Same(a, b);
        Assert.Equal("one", b.Subject);
        Assert.Equal("two", c.Subject);
        Assert.Equal(1, cache.Hits);
        Assert.Equal(2, cache.Count);
    }

    [Fact]
    public void A_summary_from_the_cache_equals_a_fresh_one()
    {
        using var content = Content("same");
        var cached = new MessageSummarizer(cache: new SummaryCache());
        cached.Summarize(content);
        var fromCache = cached.Summarize(content);
        var fresh = new MessageSummarizer().Summarize(content);
        Assert.Equal(fresh with { To = [], Cc = [], Attachments = [] }, fromCache with { To = [], Cc = [], Attachments = [] });
        Assert.Equal(fresh.To, fromCache.To);
    }

    [Fact]
    public void The_oldest_entry_goes_when_the_cache_is_full()
    {
        var cache = new SummaryCache(maxEntries: 2);
        var summarizer = new MessageSummarizer(cache: cache);
        using var one = Content("1");
        using var two = Content("2");
        using var three = Content("3");
        summarizer.Summarize(one);
        summarizer.Summarize(two);
        summarizer.Summarize(three);
        Assert.Equal(2, cache.Count);
        summarizer.Summarize(one); // evicted: summarised again
        Assert.Equal(0, cache.Hits);
        summarizer.Summarize(three);
        Assert.Equal(1, cache.Hits);
    }

    [Fact]
    public void Summaries_holding_many_characters_are_not_kept()
    {
        var cache = new SummaryCache(maxChars: 16_000);
        var summarizer = new MessageSummarizer(cache: cache);
        var to = string.Join(", ", Enumerable.Range(0, 500).Select(i => $"user{i}@example.org"));
        using var content = new MessageContent();
        content.Append(Encoding.ASCII.GetBytes($"From: a@example.org\r\nTo: {to}\r\nSubject: wide\r\n\r\nbody\r\n"));
        content.Seal();
        summarizer.Summarize(content);
        Assert.Equal(0, cache.Count);
        summarizer.Summarize(Content("small"));
        Assert.Equal(1, cache.Count);
    }

    [Fact]
    public void Without_a_cache_every_content_is_parsed()
    {
        var summarizer = new MessageSummarizer();
        using var content = Content("x");
        Assert.NotSame(summarizer.Summarize(content), summarizer.Summarize(content));
        Assert.Null(summarizer.Cache);
    }
}
