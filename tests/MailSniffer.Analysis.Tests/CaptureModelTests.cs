using MailSniffer.Analysis.Model;
using MailSniffer.Analysis.Tests.Support;
using MailSniffer.Core.Flows;
using MailSniffer.Decoders.Events;
using MailSniffer.Decoders.Messages;
using static MailSniffer.Analysis.Tests.Support.Events;

namespace MailSniffer.Analysis.Tests;

public class CaptureModelTests
{
    private static CaptureModel Played(AnalysisOptions? options = null, params ICaptureObserver[] observers)
    {
        var model = new CaptureModel(options, observers);
        SampleSession.Play(model);
        return model;
    }

    [Fact]
    public void Conversations_carry_protocol_counts_user_and_encryption()
    {
        var model = Played();
        var c = model.Conversations.ToDictionary(x => x.Id);
        Assert.Equal(new long[] { 1, 2, 3, 4, 5 }, c.Keys.OrderBy(k => k));
        Assert.Equal("smtp", c[1].Protocol);
        Assert.Equal(6, c[1].Commands);
        Assert.Equal(5, c[1].Replies);
        Assert.Equal(1, c[1].Messages);
        Assert.Equal("alice", c[1].User);
        Assert.Equal("dns", c[2].Protocol);
        Assert.Equal(2, c[2].DnsQueries);
        Assert.Equal("pop3", c[3].Protocol);
        Assert.Equal("bob", c[3].User);
        Assert.Equal(1, c[3].Anomalies);
        Assert.Equal(2, c[3].Messages);
        Assert.Equal("imap", c[4].Protocol);
        Assert.True(c[5].Encrypted);
        Assert.Equal("starttls", c[5].TlsKind);
        Assert.Equal(At(3.3), c[5].TlsTs);
        Assert.All(c.Values, x => Assert.True(x.Ended));
        Assert.Equal(1, model.Totals.EncryptedFlows);
    }

    [Fact]
    public void Credentials_are_deduplicated_per_flow_keeping_the_server_verdict()
    {
        var model = Played();
        Assert.Equal(4, model.Credentials.Count);
        var plain = Assert.Single(model.Credentials, x => x.Mechanism == "PLAIN");
        Assert.True(plain.Accepted);
        Assert.Equal(2, plain.Occurrences);
        Assert.Equal("192.0.2.25:587", plain.Server);
        Assert.Equal(At(0.04), plain.Ts);
        var apop = Assert.Single(model.Credentials, x => x.Mechanism == "APOP");
        Assert.Null(apop.Password);
        Assert.False(apop.Accepted);
        Assert.Equal("192.0.2.25:110", apop.Server);
        Assert.Contains(model.Credentials, x => x.Mechanism == "LOGIN" && x.Password == "p\"q" && x.Server == "192.0.2.25:143");
    }

    [Fact]
    public void Same_user_with_a_different_secret_is_a_different_credential()
    {
        var model = new CaptureModel();
        model.FlowStarted(Flow(1));
        model.Emit(new CredentialEvent(1, At(1), "smtp", "LOGIN", "u", "wrong", null, false));
        model.Emit(new CredentialEvent(1, At(2), "smtp", "LOGIN", "u", "right", null, true));
        model.Emit(new CredentialEvent(1, At(3), "smtp", "LOGIN", "u", "right", null));
        model.Complete();
        Assert.Equal(2, model.Credentials.Count);
        Assert.Equal(new bool?[] { false, true }, model.Credentials.Select(c => c.Accepted));
        Assert.Equal(2, model.Credentials[1].Occurrences);
    }

    [Fact]
    public void Dns_queries_and_answers_are_joined_by_flow_and_id()
    {
        var model = Played();
        Assert.Equal(2, model.DnsLookups.Count);
        var mx = Assert.Single(model.DnsLookups, l => l.Name == "b.test");
        Assert.Equal("MX", mx.QType);
        Assert.Equal("NOERROR", mx.Rcode);
        Assert.Equal("192.0.2.25:40000", mx.Querier);
        Assert.Equal("192.0.2.53:53", mx.Server);
        Assert.Equal(2, mx.Answers.Count);
        Assert.Equal(("MX", "10 mx.b.test", "answer"), (mx.Answers[0].RType, mx.Answers[0].Data, mx.Answers[0].Section));
        Assert.Equal("additional", mx.Answers[1].Section);
        Assert.Equal(0.0015, mx.ResponseTime!.Value, 6);
        var nx = Assert.Single(model.DnsLookups, l => l.Name == "nowhere.test");
        Assert.Equal("NXDOMAIN", nx.Rcode);
        Assert.Empty(nx.Answers);
    }

    [Fact]
    public void Dns_retries_unanswered_queries_and_orphan_answers_are_kept_apart()
    {
        var model = new CaptureModel(new AnalysisOptions { MaxPendingDnsLookups = 3 });
        model.FlowStarted(Flow(9, transport: Transport.Udp, serverPort: 53));
        model.Emit(new DnsQueryEvent(9, At(0), 1, "a.test", "A"));
        model.Emit(new DnsQueryEvent(9, At(1), 1, "a.test", "A"));
        model.Emit(new DnsAnswerEvent(9, At(1.5), 99, "orphan.test", "A", "192.0.2.1", "NOERROR"));
        for (int i = 100; i < 110; i++) model.Emit(new DnsQueryEvent(9, At(2), i, $"q{i}.test", "AAAA"));
        model.Emit(new DnsAnswerEvent(9, At(3), 1, "a.test", "A", "192.0.2.2", "NOERROR"));
        model.Complete();
        Assert.Equal(13, model.DnsLookups.Count);
        var first = model.DnsLookups[0];
        Assert.Equal(("a.test", 1, false), (first.Name, first.Retries, first.Answered));
        var orphan = Assert.Single(model.DnsLookups, l => l.Name == "orphan.test");
        Assert.Null(orphan.QType);
        Assert.Null(orphan.ResponseTime);
        // The late answer to id 1 came after its query was evicted: it stands alone rather than being guessed onto it.
        Assert.Contains(model.DnsLookups, l => l.Id == 1 && l.QType == null && l.Answered);
    }

    [Fact]
    public void Messages_are_summarised_numbered_and_flagged()
    {
        var model = Played();
        Assert.Equal(4, model.Messages.Count);
        Assert.Equal(new long[] { 1, 2, 3, 4 }, model.Messages.Select(m => m.Index));
        var m1 = model.Messages[0];
        Assert.Equal("Quarterly \u001b[31mred\u001b[0m report", m1.Summary.Subject);
        Assert.Equal("alice@a.test", m1.MailFrom);
        Assert.Equal("192.0.2.25:587", m1.Server);
        Assert.Equal(SampleSession.MessageBytes.Length, m1.Size);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(SampleSession.MessageBytes)), m1.Sha256);
        Assert.Single(m1.Summary.Attachments);
        Assert.False(model.Messages[2].Complete);
        Assert.True(model.Messages[3].Partial);
        Assert.Equal("INBOX", model.Messages[3].Mailbox);
        Assert.Equal(1, model.Totals.IncompleteMessages);
    }

    [Fact]
    public void Message_content_is_disposed_after_observers_have_seen_it()
    {
        // A spilled content shows its disposal: the spill file is closed (and deleted) and IsSpilled turns false.
        var content = new MessageContent(spillThreshold: 64);
        content.Append(SampleSession.MessageBytes);
        Assert.True(content.IsSpilled);
        long seenLength = -1;
        var observer = new DelegateObserver { OnMessage = (_, c) => seenLength = c.ToArray().Length };
        var model = new CaptureModel(null, observer);
        model.Emit(new MessageEvent(1, At(1), "smtp", "DATA", Direction.ClientToServer, content, true, false));
        Assert.Equal(SampleSession.MessageBytes.Length, seenLength);
        Assert.False(content.IsSpilled);
    }

    [Fact]
    public void Events_for_flows_never_announced_still_form_conversations()
    {
        var model = new CaptureModel();
        model.Emit(new SmtpCommandEvent(42, At(1), "HELO", "x"));
        model.Complete();
        var c = Assert.Single(model.Conversations);
        Assert.Equal(42, c.Id);
        Assert.Null(c.Flow);
        Assert.Equal("smtp", c.Protocol);
        Assert.Equal("?", c.ServerText);
    }

    [Fact]
    public void Transcript_keeps_only_the_first_lines()
    {
        var model = new CaptureModel(new AnalysisOptions { Retention = RetentionPolicy.Report with { TranscriptLinesPerConversation = 3 } });
        model.FlowStarted(Flow(1));
        for (int i = 0; i < 10; i++) model.Emit(new SmtpCommandEvent(1, At(i), "NOOP", i.ToString()));
        model.Complete();
        var c = Assert.Single(model.Conversations);
        Assert.Equal(new[] { "NOOP 0", "NOOP 1", "NOOP 2" }, c.Transcript.Select(t => t.Text));
        Assert.Equal(7, c.TranscriptOmitted);
        Assert.Equal(10, c.Commands);
    }

    [Fact]
    public void Streaming_retention_keeps_nothing_but_still_tells_observers_and_counts()
    {
        var seen = new List<string>();
        var observer = new DelegateObserver
        {
            OnMessage = (m, _) => seen.Add("message"),
            OnCredential = _ => seen.Add("credential"),
            OnLookup = _ => seen.Add("dns"),
            OnFlowEnded = _ => seen.Add("flow"),
        };
        var model = Played(AnalysisOptions.ForStreaming(), observer);
        Assert.Empty(model.Messages);
        Assert.Empty(model.Credentials);
        Assert.Empty(model.DnsLookups);
        Assert.Empty(model.Conversations);
        Assert.Empty(model.Anomalies);
        Assert.Equal(4, seen.Count(s => s == "message"));
        Assert.Equal(4, seen.Count(s => s == "credential"));
        Assert.Equal(2, seen.Count(s => s == "dns"));
        Assert.Equal(5, seen.Count(s => s == "flow"));
        Assert.Equal(4, model.Totals.Messages);
        Assert.Equal(5, model.Totals.Flows);
        Assert.True(model.Totals.NotRetained > 0);
    }

    [Fact]
    public void Complete_is_idempotent()
    {
        int completed = 0;
        var model = new CaptureModel(null, new DelegateObserver { OnCompleted = () => completed++ });
        model.Complete();
        model.Complete();
        Assert.Equal(1, completed);
    }
}
