using System.Text.Json;
using MailSniffer.Analysis;
using MailSniffer.Analysis.Pipeline;
using MailSniffer.Analysis.Timeline;

namespace MailSniffer.Cli.Tests;

/// <summary>
/// The captures in captures/ were recorded live while `mailsniffer demo` ran, with the demo's own account of what it did
/// beside each. The analyzer must find all of it on the wire — every message byte-exact — and invent nothing.
/// </summary>
public class DemoCaptureTests
{
    public static IEnumerable<object[]> Truths() => DemoTruth.InRepo();

    private static (DemoTruth Truth, CaptureAnalysis Analysis, JourneyBuilder Journeys) Analyse(string truthFile)
    {
        var truth = new DemoTruth(Path.Combine(TestSupport.TestPaths.RepoCaptures!, truthFile));
        var journeys = new JourneyBuilder();
        var analysis = CaptureAnalysis.RunFile(truth.CapturePath, AnalysisOptions.ForReport(), journeys);
        Assert.Empty(analysis.Engine.Warnings);
        return (truth, analysis, journeys);
    }

    private static string Ip(string endpoint) => endpoint[..endpoint.LastIndexOf(':')].Trim('[', ']');

    [Theory, MemberData(nameof(Truths))]
    public void EveryClearTextSubmissionIsFoundByteExact(string truthFile)
    {
        var (truth, a, _) = Analyse(truthFile);
        foreach (var m in truth.Items("messages"))
        {
            // Messages the demo seeded straight into a mailbox (POP3-only, IMAP-only scenarios) were never submitted.
            if (!m.TryGetProperty("submission", out var sub) || sub.ValueKind != JsonValueKind.Object) continue;
            var found = a.Model.Messages.Where(r => r.Protocol == "smtp" && r.Client == sub.GetProperty("client").GetString()).ToList();
            if (sub.GetProperty("encrypted").GetBoolean())
            {
                Assert.Empty(found);
                var conv = a.Model.Conversations.Single(c => c.ClientText == sub.GetProperty("client").GetString());
                Assert.True(conv.Encrypted, $"{conv.ClientText} should be marked encrypted");
                continue;
            }
            var msg = Assert.Single(found);
            Assert.Equal(m.GetProperty("sha256").GetString(), msg.Sha256);
            Assert.Equal(m.GetProperty("size").GetInt64(), msg.Size);
            Assert.Equal(m.GetProperty("messageId").GetString(), msg.Summary.MessageId);
            Assert.Equal(m.GetProperty("subject").GetString(), msg.Summary.Subject);
            Assert.True(msg.Complete);
        }
    }

    [Theory, MemberData(nameof(Truths))]
    public void EveryRelayRetrievalAndUploadIsFound(string truthFile)
    {
        var (truth, a, _) = Analyse(truthFile);
        foreach (var r in truth.Items("relays").Where(r => r.GetProperty("succeeded").GetBoolean()))
        {
            string id = r.GetProperty("messageId").GetString()!;
            Assert.Contains(a.Model.Messages, m => m.Protocol == "smtp" && m.Summary.MessageId == id
                && m.Server == r.GetProperty("toEndPoint").GetString() && m.Client != null && Ip(m.Client) == Ip(r.GetProperty("fromEndPoint").GetString()!));
        }
        foreach (var r in truth.Items("retrievals").Where(r => !r.GetProperty("encrypted").GetBoolean()))
        {
            string id = r.GetProperty("messageId").GetString()!;
            string proto = r.GetProperty("protocol").GetString()!.ToLowerInvariant();
            Assert.Contains(a.Model.Messages, m => m.Protocol == proto && m.Summary.MessageId == id && !m.Partial
                && m.Server == r.GetProperty("server").GetString() && m.User == r.GetProperty("user").GetString());
        }
        foreach (var u in truth.Items("uploads"))
        {
            string id = u.GetProperty("messageId").GetString()!;
            Assert.Contains(a.Model.Messages, m => m.Protocol == "imap" && m.Source == "APPEND" && m.Summary.MessageId == id
                && m.Mailbox == u.GetProperty("mailbox").GetString() && m.Size == u.GetProperty("size").GetInt64());
        }
    }

    [Theory, MemberData(nameof(Truths))]
    public void NothingIsInvented(string truthFile)
    {
        var (truth, a, _) = Analyse(truthFile);
        var known = truth.Items("messages").Select(m => m.GetProperty("messageId").GetString()).ToHashSet();
        foreach (var m in a.Model.Messages)
            Assert.Contains(m.Summary.MessageId, known);
        Assert.Empty(a.Model.Anomalies);
    }

    [Theory, MemberData(nameof(Truths))]
    public void EveryClearTextCredentialIsFound(string truthFile)
    {
        var (truth, a, _) = Analyse(truthFile);
        foreach (var c in truth.Items("credentials").Where(c => !c.GetProperty("encrypted").GetBoolean()))
        {
            string mech = c.GetProperty("mechanism").GetString()!;
            string user = c.GetProperty("user").GetString()!;
            var found = a.Model.Credentials.Where(x => x.Username == user && x.Client == c.GetProperty("client").GetString()).ToList();
            Assert.True(found.Count > 0, $"no credential for {user} from {c.GetProperty("client")}");
            if (mech is "CRAM-MD5" or "APOP")
                Assert.Contains(found, x => x.Hash != null && x.Password == null);
            else
                Assert.Contains(found, x => x.Password == c.GetProperty("password").GetString());
        }
    }

    [Theory, MemberData(nameof(Truths))]
    public void EveryDnsLookupOfTheRelaysIsFound(string truthFile)
    {
        var (truth, a, _) = Analyse(truthFile);
        foreach (var r in truth.Items("relays"))
            foreach (var l in r.GetProperty("lookups").EnumerateArray())
            {
                string name = l.GetProperty("name").GetString()!, type = l.GetProperty("type").GetString()!;
                var answers = l.GetProperty("answers").EnumerateArray().Select(x => x.GetString()!.TrimEnd('.')).ToList();
                Assert.Contains(a.Model.DnsLookups, d => d.Name.TrimEnd('.').Equals(name, StringComparison.OrdinalIgnoreCase) && d.QType == type
                    && answers.All(ans => d.Answers.Any(x => x.Data.Contains(ans, StringComparison.OrdinalIgnoreCase))));
            }
    }

    [Theory, MemberData(nameof(Truths))]
    public void JourneysFollowEveryClearTextMessageAcrossItsHops(string truthFile)
    {
        var (truth, _, builder) = Analyse(truthFile);
        var journeys = builder.Build();
        foreach (var m in truth.Items("messages").Where(m => m.TryGetProperty("submission", out var s) && s.ValueKind == JsonValueKind.Object
                                                             && !s.GetProperty("encrypted").GetBoolean()))
        {
            string id = m.GetProperty("messageId").GetString()!;
            var j = Assert.Single(journeys, x => x.MessageId?.Trim('<', '>') == id);
            var kinds = j.Steps.Select(s => s.Kind).ToList();
            Assert.Contains(JourneyStepKind.Submission, kinds);
            int relays = truth.Items("relays").Count(r => r.GetProperty("messageId").GetString() == id && r.GetProperty("succeeded").GetBoolean());
            Assert.Equal(relays, kinds.Count(k => k == JourneyStepKind.Relay));
            if (relays > 0) Assert.Contains(JourneyStepKind.Dns, kinds);
            int retrievals = truth.Items("retrievals").Count(r => r.GetProperty("messageId").GetString() == id && !r.GetProperty("encrypted").GetBoolean());
            Assert.True(kinds.Count(k => k == JourneyStepKind.Retrieval) >= retrievals);
        }
    }
}
