using MailSniffer.Analysis.Timeline;

namespace MailSniffer.Analysis.Tests.Timeline;
/// <summary>Many messages through shared domains: every journey still gets exactly its own hops and DNS look-ups.</summary>
public class JourneyScaleTests
{
    [Fact]
    public void A_thousand_messages_to_twenty_domains_each_get_their_own_dns_links()
    {
        var sc = new TimelineScenario();
        int n = 1000;
        for (int i = 0; i < n; i++)
        {
            double t = i * 2.0;
            var msg = TestMail.Compose("a@a.test", $"u{i % 50}@b{i % 20}.test", $"m{i}", $"body {i}", $"id{i}@a.test");
            long sub = sc.Tcp("10.0.0." + (i % 200 + 1), 40000 + i % 20000, "10.1.0.1", 587, t);
            sc.Credential(sub, t, "smtp", "PLAIN", "a", "pw");
            sc.SmtpSend(sub, t + 0.01, msg, "a@a.test", [$"u{i % 50}@b{i % 20}.test"], $"OK queued as Q{i:X8}", user: "a");
            sc.End(sub);
            sc.Dns("10.1.0.1", "10.9.9.9", t + 0.1, i * 3 % 65536, $"b{i % 20}.test", "MX", ("MX", $"10 mx.b{i % 20}.test"));
            sc.Dns("10.1.0.1", "10.9.9.9", t + 0.2, (i * 3 + 1) % 65536, $"mx.b{i % 20}.test", "A", ("A", $"10.2.0.{i % 20 + 1}"));
            var relayed = TestMail.Prepend(msg, TestMail.OurReceived("c", "10.0.0." + (i % 200 + 1), "mx.a.test", $"Q{i:X8}", "x"));
            long relay = sc.Tcp("10.1.0.1", 30000 + i % 30000, $"10.2.0.{i % 20 + 1}", 25, t + 0.3);
            sc.SmtpSend(relay, t + 0.31, relayed, "a@a.test", [$"u{i % 50}@b{i % 20}.test"], "OK");
            sc.End(relay);
        }
        var js = sc.Build();
        Assert.Equal(n, js.Count);
        Assert.All(js, j => Assert.Equal([JourneyStepKind.Submission, JourneyStepKind.Dns, JourneyStepKind.Dns, JourneyStepKind.Relay], j.Steps.Select(s => s.Kind)));
        // Each relay's look-ups are the ones made just before it, not those of the other 49 relays to the same domain in the window.
        Assert.All(js, j => Assert.Equal(0.2102, j.Steps[3].Ts.SecondsSince(j.Steps[1].Ts), 4)); // the same domain was asked 40 s earlier too, inside the window
        Assert.All(js, j => Assert.Equal(3, j.Steps[1].LinkedStep));
    }
}
