using MailSniffer.Analysis.Model;
using MailSniffer.Analysis.Tests.Support;
using MailSniffer.Analysis.Views.Credentials;
using MailSniffer.Decoders.Events;
using static MailSniffer.Analysis.Tests.Support.Events;

namespace MailSniffer.Analysis.Tests;

public class CredentialTableTests
{
    private static CaptureModel Played()
    {
        var model = new CaptureModel();
        SampleSession.Play(model);
        return model;
    }

    [Fact]
    public void Table_shows_every_credential_unmasked_with_server_and_result()
    {
        var w = new StringWriter();
        new CredentialTable(Played()).Write(w);
        var lines = w.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("TIME", lines[0]);
        Assert.Equal(2 + 4, lines.Length);
        Assert.Contains(lines, l => l.Contains("PLAIN") && l.Contains("alice") && l.Contains("s3cret") && l.Contains("192.0.2.25:587") && l.Contains("accepted"));
        Assert.Contains(lines, l => l.Contains("APOP") && l.Contains("c4c9334bac560ecc979e58001b3e22fb") && l.Contains("rejected"));
        Assert.Contains(lines, l => l.Contains("LOGIN") && l.Contains("p\"q"));
        // Columns are aligned: the USERNAME header starts where every username starts.
        int col = lines[0].IndexOf("USERNAME", StringComparison.Ordinal);
        Assert.Equal("alice", lines.Single(l => l.Contains("PLAIN")).Substring(col, 5));
    }

    [Fact]
    public void Hashcat_output_is_only_the_distinct_hash_lines()
    {
        var model = new CaptureModel();
        model.FlowStarted(Flow(1));
        model.Emit(new CredentialEvent(1, At(1), "smtp", "CRAM-MD5", "alice", null, "$cram_md5$PDE4OTYuNjk3MTcwOTUyQHBvc3RvZmZpY2UucmVzdG9uLm1jaS5uZXQ+$dGltIGI5MTNhNjAyYzdlZGE3YTQ5NWI0ZTZlNzMzNGQzODkw"));
        model.Emit(new CredentialEvent(1, At(2), "smtp", "PLAIN", "bob", "pw", null, true));
        model.FlowEnded(Flow(1));
        model.FlowStarted(Flow(2));
        model.Emit(new CredentialEvent(2, At(3), "smtp", "CRAM-MD5", "alice", null, "$cram_md5$PDE4OTYuNjk3MTcwOTUyQHBvc3RvZmZpY2UucmVzdG9uLm1jaS5uZXQ+$dGltIGI5MTNhNjAyYzdlZGE3YTQ5NWI0ZTZlNzMzNGQzODkw"));
        model.Emit(new CredentialEvent(2, At(4), "pop3", "APOP", "carol", null, "c4c9334bac560ecc979e58001b3e22fb:<1896.697170952@b.test>"));
        model.Complete();
        var w = new StringWriter();
        new CredentialTable(model).WriteHashcat(w);
        Assert.Equal(new[]
        {
            "$cram_md5$PDE4OTYuNjk3MTcwOTUyQHBvc3RvZmZpY2UucmVzdG9uLm1jaS5uZXQ+$dGltIGI5MTNhNjAyYzdlZGE3YTQ5NWI0ZTZlNzMzNGQzODkw",
            "c4c9334bac560ecc979e58001b3e22fb:<1896.697170952@b.test>",
        }, w.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void Wire_strings_are_sanitised_in_the_table()
    {
        var model = new CaptureModel();
        model.Emit(new CredentialEvent(1, At(1), "imap", "LOGIN", "evil\u001b]2;pwned\u0007", "pa\u009bss\r\nword", null));
        model.Complete();
        var w = new StringWriter();
        new CredentialTable(model).Write(w);
        string text = w.ToString();
        Assert.DoesNotContain('\u001b', text);
        Assert.DoesNotContain('\u0007', text);
        Assert.DoesNotContain('\u009b', text);
        Assert.Contains("evil\\e]2;pwned\\x07", text);
        Assert.Contains("pa\\x9bss\\r\\nword", text);
    }

    [Fact]
    public void Empty_table_says_so()
    {
        var w = new StringWriter();
        new CredentialTable(Array.Empty<Credential>()).Write(w);
        Assert.Equal("No credentials seen." + Environment.NewLine, w.ToString());
    }
}
