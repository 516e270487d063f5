using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using MailSniffer.Analysis.Model;
using MailSniffer.Analysis.Tests.Support;
using MailSniffer.Analysis.Views.Json;
using MailSniffer.Decoders.Events;
using static MailSniffer.Analysis.Tests.Support.Events;

namespace MailSniffer.Analysis.Tests;

public partial class JsonLinesWriterTests
{
    // The required fields of docs/json.md and their JSON kinds. "ts" is a timestamp string, "hex" a SHA-256,
    // "string?" a string or null, "string[]" an array of strings.
    private static readonly Dictionary<string, (string Field, string Kind)[]> Schema = new()
    {
        ["flow"] = new[] { ("id", "number"), ("transport", "string?"), ("client", "string?"), ("server", "string?"), ("start", "ts?"), ("end", "ts?"),
            ("packets", "number?"), ("bytes_c2s", "number?"), ("bytes_s2c", "number?"), ("gaps", "number?"), ("gap_bytes", "number?"),
            ("end_reason", "string?"), ("protocol", "protocol"), ("encrypted", "bool") },
        ["smtp.command"] = new[] { ("flow", "number"), ("ts", "ts"), ("verb", "string"), ("arg", "string") },
        ["smtp.reply"] = new[] { ("flow", "number"), ("ts", "ts"), ("code", "number"), ("lines", "string[]") },
        ["pop3.command"] = new[] { ("flow", "number"), ("ts", "ts"), ("verb", "string"), ("arg", "string") },
        ["pop3.reply"] = new[] { ("flow", "number"), ("ts", "ts"), ("ok", "bool"), ("text", "string") },
        ["imap.command"] = new[] { ("flow", "number"), ("ts", "ts"), ("tag", "string"), ("command", "string"), ("args", "string") },
        ["imap.response"] = new[] { ("flow", "number"), ("ts", "ts"), ("tag", "string"), ("status", "string"), ("text", "string") },
        ["dns.query"] = new[] { ("flow", "number"), ("ts", "ts"), ("id", "number"), ("name", "string"), ("qtype", "string") },
        ["dns.answer"] = new[] { ("flow", "number"), ("ts", "ts"), ("id", "number"), ("name", "string"), ("rtype", "string?"), ("data", "string?"), ("rcode", "string") },
        ["message"] = new[] { ("flow", "number"), ("ts", "ts"), ("protocol", "string"), ("mailbox", "string?"), ("message_id", "string?"),
            ("date", "string?"), ("from", "string?"), ("to", "string[]"), ("cc", "string[]"), ("subject", "string?"), ("mail_from", "string?"),
            ("rcpt_to", "string[]"), ("size", "number"), ("sha256", "hex"), ("complete", "bool"), ("partial", "bool"), ("attachments", "attachments") },
        ["credential"] = new[] { ("flow", "number"), ("ts", "ts"), ("protocol", "string"), ("mechanism", "string"), ("username", "string"),
            ("password", "string?"), ("hash", "string?"), ("server", "string?") },
        ["tls"] = new[] { ("flow", "number"), ("ts", "ts"), ("kind", "tlskind") },
        ["dns.lookup"] = new[] { ("flow", "number"), ("ts", "ts"), ("id", "number"), ("name", "string"), ("qtype", "string?"), ("rcode", "string?"), ("answers", "array") },
        ["protocol"] = new[] { ("flow", "number"), ("ts", "ts"), ("protocol", "string"), ("evidence", "string") },
        ["anomaly"] = new[] { ("flow", "number"), ("ts", "ts"), ("protocol", "string"), ("reason", "string") },
    };

    [GeneratedRegex(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$")]
    private static partial Regex Timestamp();

    [GeneratedRegex("^[0-9a-f]{64}$")]
    private static partial Regex Sha256Hex();

    private static (List<JsonDocument> Lines, byte[] Raw) Run()
    {
        var output = new MemoryStream();
        using (var json = new JsonLinesWriter(output))
            SampleSession.Play(new CaptureModel(AnalysisOptions.ForStreaming(), json));
        return (JsonLines.Parse(output), output.ToArray());
    }

    [Fact]
    public void Every_line_is_a_known_record_with_its_required_fields_and_types()
    {
        var (lines, _) = Run();
        var types = lines.Select(l => l.RootElement.GetProperty("type").GetString()!).ToList();
        foreach (var required in new[] { "flow", "smtp.command", "smtp.reply", "pop3.command", "pop3.reply", "imap.command", "imap.response",
                     "dns.query", "dns.answer", "message", "credential", "tls", "dns.lookup", "anomaly", "protocol" })
            Assert.Contains(required, types);
        foreach (var line in lines)
        {
            var root = line.RootElement;
            string type = root.GetProperty("type").GetString()!;
            Assert.True(Schema.ContainsKey(type), $"undocumented record type {type}");
            foreach (var (field, kind) in Schema[type])
            {
                Assert.True(root.TryGetProperty(field, out var value), $"{type} lacks {field}");
                AssertKind(value, kind, $"{type}.{field}");
            }
        }
    }

    private static void AssertKind(JsonElement v, string kind, string where)
    {
        bool nullable = kind.EndsWith('?');
        if (nullable && v.ValueKind == JsonValueKind.Null) return;
        switch (kind.TrimEnd('?'))
        {
            case "number": Assert.True(v.ValueKind == JsonValueKind.Number, where); break;
            case "bool": Assert.True(v.ValueKind is JsonValueKind.True or JsonValueKind.False, where); break;
            case "string": Assert.True(v.ValueKind == JsonValueKind.String, where); break;
            case "ts": Assert.Matches(Timestamp(), v.GetString()!); break;
            case "hex": Assert.Matches(Sha256Hex(), v.GetString()!); break;
            case "protocol": Assert.Contains(v.GetString(), new[] { "smtp", "pop3", "imap", "dns", "tls", "unknown" }); break;
            case "tlskind": Assert.Contains(v.GetString(), new[] { "starttls", "implicit" }); break;
            case "array": Assert.True(v.ValueKind == JsonValueKind.Array, where); break;
            case "string[]":
                Assert.True(v.ValueKind == JsonValueKind.Array, where);
                Assert.All(v.EnumerateArray(), e => Assert.Equal(JsonValueKind.String, e.ValueKind));
                break;
            case "attachments":
                Assert.True(v.ValueKind == JsonValueKind.Array, where);
                foreach (var a in v.EnumerateArray())
                {
                    AssertKind(a.GetProperty("filename"), "string?", where + ".filename");
                    AssertKind(a.GetProperty("content_type"), "string", where + ".content_type");
                    AssertKind(a.GetProperty("size"), "number", where + ".size");
                    AssertKind(a.GetProperty("sha256"), "hex", where + ".sha256");
                }
                break;
            default: throw new InvalidOperationException(kind);
        }
    }

    [Fact]
    public void Values_are_those_of_the_events()
    {
        var (lines, _) = Run();
        JsonElement First(string type) => lines.First(l => l.RootElement.GetProperty("type").GetString() == type).RootElement;

        var flow = First("flow");
        Assert.Equal(1, flow.GetProperty("id").GetInt64());
        Assert.Equal("tcp", flow.GetProperty("transport").GetString());
        Assert.Equal("192.0.2.10:50000", flow.GetProperty("client").GetString());
        Assert.Equal("192.0.2.25:587", flow.GetProperty("server").GetString());
        Assert.Equal("2023-11-14T22:13:20.123456Z", flow.GetProperty("start").GetString());
        Assert.Equal("smtp", flow.GetProperty("protocol").GetString());
        Assert.False(flow.GetProperty("encrypted").GetBoolean());
        Assert.Equal("capture_end", flow.GetProperty("end_reason").GetString());

        var reply = First("smtp.reply");
        Assert.Equal(220, reply.GetProperty("code").GetInt32());
        Assert.Equal("mx.b.test ESMTP", reply.GetProperty("lines")[0].GetString());

        var msg = First("message");
        Assert.Equal("Quarterly \u001b[31mred\u001b[0m report", msg.GetProperty("subject").GetString());
        Assert.Equal("alice@a.test", msg.GetProperty("from").GetString());
        Assert.Equal("bob@b.test", msg.GetProperty("to")[0].GetString());
        Assert.Equal("carol@c.test", msg.GetProperty("cc")[0].GetString());
        Assert.Equal("bob@b.test", msg.GetProperty("rcpt_to")[0].GetString());
        Assert.Equal("q3.pdf", msg.GetProperty("attachments")[0].GetProperty("filename").GetString());
        Assert.Equal(7, msg.GetProperty("attachments")[0].GetProperty("size").GetInt64());
        Assert.Equal("2026-11-22T10:00:00+01:00", msg.GetProperty("date").GetString());

        var creds = lines.Where(l => l.RootElement.GetProperty("type").GetString() == "credential").Select(l => l.RootElement).ToList();
        Assert.Equal(4, creds.Count);
        var apop = creds.Single(c => c.GetProperty("mechanism").GetString() == "APOP");
        Assert.Equal(JsonValueKind.Null, apop.GetProperty("password").ValueKind);
        Assert.Equal("c4c9334bac560ecc979e58001b3e22fb:<1896.697170952@b.test>", apop.GetProperty("hash").GetString());
        Assert.Equal("192.0.2.25:110", apop.GetProperty("server").GetString());

        var tls = First("tls");
        Assert.Equal(5, tls.GetProperty("flow").GetInt64());
        Assert.Equal("starttls", tls.GetProperty("kind").GetString());
        var tlsFlow = lines.Select(l => l.RootElement).Single(r => r.GetProperty("type").GetString() == "flow" && r.GetProperty("id").GetInt64() == 5);
        Assert.True(tlsFlow.GetProperty("encrypted").GetBoolean());
    }

    [Fact]
    public void Examples_in_docs_json_md_follow_the_schema()
    {
        string? doc = null;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null && doc == null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "docs", "json.md"))) doc = Path.Combine(dir.FullName, "docs", "json.md");
        Assert.NotNull(doc);
        var examples = File.ReadAllLines(doc).Where(l => l.StartsWith("{\"type\":", StringComparison.Ordinal)).ToList();
        var types = new HashSet<string>();
        foreach (var line in examples)
        {
            using var json = JsonDocument.Parse(line);
            string type = json.RootElement.GetProperty("type").GetString()!;
            types.Add(type);
            foreach (var (field, kind) in Schema[type])
            {
                Assert.True(json.RootElement.TryGetProperty(field, out var value), $"docs example {type} lacks {field}");
                AssertKind(value, kind, $"docs {type}.{field}");
            }
        }
        Assert.Equal(Schema.Keys.Order(), types.Order());
    }

    [Fact]
    public void Control_characters_from_the_wire_never_appear_raw()
    {
        var (_, raw) = Run();
        Assert.DoesNotContain((byte)0x1b, raw);
        string text = Encoding.UTF8.GetString(raw);
        Assert.Contains("\\u001B[31mred", text);
    }

    [Fact]
    public void Lone_surrogates_do_not_break_the_writer()
    {
        var output = new MemoryStream();
        using (var json = new JsonLinesWriter(output))
        {
            var model = new CaptureModel(AnalysisOptions.ForStreaming(), json);
            model.Emit(new SmtpCommandEvent(1, At(0), "HELO", "bad\uD800half"));
            model.Complete();
        }
        var line = Assert.Single(JsonLines.Parse(output), l => l.RootElement.GetProperty("type").GetString() == "smtp.command");
        Assert.Equal("bad\uFFFDhalf", line.RootElement.GetProperty("arg").GetString());
    }

    [Fact]
    public void Output_is_streamed_before_the_capture_ends()
    {
        var output = new MemoryStream();
        using var json = new JsonLinesWriter(output);
        var model = new CaptureModel(AnalysisOptions.ForStreaming(), json);
        model.FlowStarted(Flow(1));
        for (int i = 0; i < 5000; i++) model.Emit(new SmtpCommandEvent(1, At(i), "NOOP", new string('x', 40)));
        Assert.True(output.Length > 64 * 1024, "records must reach the output while the capture is still being read");
        model.Complete();
        Assert.Equal(5001, JsonLines.Parse(output).Count);
    }
}
