using MailSniffer.Analysis.Model;
using MailSniffer.Analysis.Tests.Support;
using MailSniffer.Core.Flows;
using MailSniffer.Decoders.Events;
using static MailSniffer.Analysis.Tests.Support.Events;

namespace MailSniffer.Analysis.Tests;

/// <summary>CaptureModel.CloseAnsweredDnsLookups: live capture reports answered look-ups before their UDP flow ends.</summary>
public class LiveDnsLookupTests
{
    [Fact]
    public void Answered_lookups_are_reported_at_once_and_unanswered_ones_stay_open()
    {
        var reported = new List<DnsLookup>();
        var model = new CaptureModel(new AnalysisOptions { Retention = RetentionPolicy.Streaming }, new DelegateObserver { OnLookup = reported.Add });
        var dns = Flow(2, "192.0.2.25", 40000, "192.0.2.53", 53, Transport.Udp, start: 0.2);
        model.FlowStarted(dns);
        model.Emit(new DnsQueryEvent(2, At(0.2), 4242, "b.test", "MX"));
        model.Emit(new DnsAnswerEvent(2, At(0.2015), 4242, "b.test", "MX", "10 mx.b.test", "NOERROR", 300));
        model.Emit(new DnsAnswerEvent(2, At(0.2015), 4242, "mx.b.test", "A", "192.0.2.26", "NOERROR", 300, "additional"));
        model.Emit(new DnsQueryEvent(2, At(0.3), 7, "slow.test", "A"));

        model.CloseAnsweredDnsLookups();
        var mx = Assert.Single(reported);
        Assert.Equal("b.test", mx.Name);
        Assert.Equal(2, mx.Answers.Count);

        model.CloseAnsweredDnsLookups();
        Assert.Single(reported);   // nothing reported twice

        model.Emit(new DnsAnswerEvent(2, At(0.4), 7, "slow.test", "A", "192.0.2.7", "NOERROR", 60));
        model.FlowEnded(dns);
        Assert.Equal(new[] { "b.test", "slow.test" }, reported.Select(l => l.Name));
        Assert.True(reported[1].Answered);
    }
}
