using MailSniffer.Analysis.Model;
using MailSniffer.Analysis.Tests.Support;
using MailSniffer.Analysis.Views.Text;
using MailSniffer.Decoders.Events;
using static MailSniffer.Analysis.Tests.Support.Events;

namespace MailSniffer.Analysis.Tests;

public class TextReportTests
{
    private static string Report(Action<CaptureModel> play)
    {
        var model = new CaptureModel();
        play(model);
        var w = new StringWriter();
        new TextReport(model).Write(w);
        return w.ToString();
    }

    [Fact]
    public void Report_has_every_section_with_the_sample_contents()
    {
        string text = Report(SampleSession.Play);
        foreach (var heading in new[] { "== Conversations (5) ==", "== Messages (4) ==", "== Credentials (4) ==", "== DNS look-ups (2) ==",
                     "== Encrypted sessions (1) ==", "== Anomalies and warnings (" })
            Assert.Contains(heading, text);
        Assert.Contains("EHLO client.a.test", text);
        Assert.Contains("250 mx.b.test / AUTH PLAIN LOGIN CRAM-MD5 / PIPELINING", text);
        Assert.Contains("MX 10 mx.b.test", text);
        Assert.Contains("NXDOMAIN", text);
        Assert.Contains("q3.pdf", text);
        Assert.Contains("starttls", text);
        Assert.Contains("gap of 1000 bytes in s2c", text);
        Assert.Contains("message 3 is incomplete", text);
        Assert.Contains("INCOMPLETE", text);
        Assert.Contains("-- [anomaly: gap of 1000 bytes in s2c]", text);
        Assert.Contains("b483f692ba8534b23aa1da87bc1332195ed3cebdb2c2d9234e390528f07aa3e3", text);
        // Capture times only.
        Assert.Contains("2023-11-14T22:13:20.133456Z", text);
        Assert.DoesNotContain(DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm"), text);
    }

    [Fact]
    public void Escape_sequences_from_the_wire_are_shown_not_interpreted()
    {
        string text = Report(model =>
        {
            model.FlowStarted(Flow(1));
            model.Emit(new SmtpCommandEvent(1, At(0), "EHLO", "\u001b[2J\u001b]0;owned\u0007"));
            model.Emit(new SmtpReplyEvent(1, At(0.1), 250, new[] { "ok\u202Etxt.exe" }));
            model.Emit(Message(1, SampleSession.MessageBytes));
            model.Emit(new AnomalyEvent(1, At(0.2), "smtp", "bad\u001bbyte"));
            model.Emit(new DnsQueryEvent(1, At(0.3), 1, "evil\u001b.test", "A"));
            model.Complete();
        });
        Assert.DoesNotContain('\u001b', text);
        Assert.DoesNotContain('\u0007', text);
        Assert.DoesNotContain('\u202E', text);
        Assert.Contains("Quarterly \\e[31mred\\e[0m report", text);
        Assert.Contains("\\e[2J\\e]0;owned\\x07", text);
        Assert.Contains("ok\\u202etxt.exe", text);
    }

    [Fact]
    public void Columns_are_aligned()
    {
        string text = Report(SampleSession.Play);
        var lines = text.Split(Environment.NewLine);
        int header = Array.FindIndex(lines, l => l.TrimStart().StartsWith("#  FLOW", StringComparison.Ordinal));
        Assert.True(header > 0);
        int subjectCol = lines[header].IndexOf("SUBJECT", StringComparison.Ordinal);
        var rows = lines.Skip(header + 2).TakeWhile(l => l.Length > 0).ToList();
        Assert.Equal(4, rows.Count);
        Assert.All(rows, r => Assert.NotEqual(' ', r[subjectCol]));
        Assert.All(rows, r => Assert.Equal(' ', r[subjectCol - 1]));
    }

    [Fact]
    public void Empty_capture_gives_a_short_report()
    {
        string text = Report(m => m.Complete());
        Assert.Contains("flows 0, messages 0", text);
        Assert.Contains("== Messages (0) ==", text);
    }
}
