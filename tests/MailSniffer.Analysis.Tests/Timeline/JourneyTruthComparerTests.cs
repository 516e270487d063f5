using MailSniffer.Analysis.Timeline;
using MailSniffer.Analysis.Timeline.Truth;

namespace MailSniffer.Analysis.Tests.Timeline;

public class JourneyTruthComparerTests
{
    [Fact]
    public void Demo_shaped_capture_matches_its_truth_exactly()
    {
        var journeys = DemoLikeStory.Build().Build();
        var result = JourneyTruthComparer.Compare(DemoLikeStory.Truth, journeys);
        Assert.True(result.Exact, result.ToString());
        Assert.Equal(8, result.Found.Count); // journey, submission, relay, 3 DNS, retrieval, upload
    }

    [Fact]
    public void Demo_shaped_journey_links_dns_asked_by_the_local_resolver_address_with_medium_confidence()
    {
        var j = Assert.Single(DemoLikeStory.Build().Build());
        Assert.Equal([JourneyStepKind.Submission, JourneyStepKind.Dns, JourneyStepKind.Dns, JourneyStepKind.Dns, JourneyStepKind.Relay,
            JourneyStepKind.Retrieval, JourneyStepKind.Upload], j.Steps.Select(s => s.Kind));
        Assert.True(j.Steps[0].Encrypted);
        Assert.Equal("high", j.Steps[0].Confidence);
        Assert.All(j.Steps.Where(s => s.Kind == JourneyStepKind.Dns), s => Assert.Equal("medium", s.Confidence));
        Assert.Equal(4, j.Steps[1].LinkedStep);
        Assert.Equal(4, j.Steps[2].LinkedStep);
        Assert.Equal("Sent", j.Steps[6].Mailbox);
    }

    [Fact]
    public void A_missing_retrieval_is_reported_missing()
    {
        var result = JourneyTruthComparer.Compare(DemoLikeStory.Truth, DemoLikeStory.Build(withRetrieval: false).Build());
        Assert.False(result.Exact);
        Assert.Equal(["retrieval 127.0.2.2:39211 -> 127.0.1.2:110 of <M02AT0BFWUU4.XEMJJXK9DZLM1@a.test>"], result.Missing);
        Assert.Empty(result.Invented);
    }

    [Fact]
    public void A_hop_the_demo_did_not_make_is_reported_invented()
    {
        var result = JourneyTruthComparer.Compare(DemoLikeStory.Truth, DemoLikeStory.Build(extraRelay: true).Build());
        Assert.Empty(result.Missing);
        Assert.Equal(["relay 127.0.1.1:36999 -> 127.0.1.9:25 in the journey of <M02AT0BFWUU4.XEMJJXK9DZLM1@a.test>"], result.Invented);
        var j = Assert.Single(DemoLikeStory.Build(extraRelay: true).Build());
        Assert.Equal(3, j.Steps.Count(s => s.Kind == JourneyStepKind.Dns)); // each look-up once, not once per relay
    }
}
