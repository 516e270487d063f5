using System.Text.Json;
using MailSniffer.Analysis.Messages;
using MailSniffer.Analysis.Model;
using MailSniffer.Analysis.Tests.Support;
using MailSniffer.Analysis.Views.Json;

namespace MailSniffer.Analysis.Tests;

/// <summary>
/// Real messages from the public captures (exported by tshark where the oracle says tshark and the independent
/// reconstruction agree byte for byte), summarised by the model and compared with the oracle's Python-derived view.
/// </summary>
public class OracleMessageTests
{
    public static readonly TheoryData<string> Captures = new()
    {
        "surv-smtp-rfc2231-attachments.pcap",
        "arkime-smtp-zip-attachment.pcap",
        "arkime-smtp-subject-gb2312-b.pcap",
        "zeek-smtp-ipv6-attached-message.pcap",
        "arkime-imap-login-fetch.pcap",
        "ndpi-imap-login-fetch.pcap",
        "surv-smtp-three-mails-one-session.pcap",
        "zeek-smtp-multi-addr-pipelined.pcap",
    };

    [SkippableTheory]
    [MemberData(nameof(Captures))]
    public void Summaries_and_json_match_the_oracle(string capture)
    {
        Skip.IfNot(PublicCaptures.Available, "shared/captures/public not found beside the repository");
        Skip.IfNot(PublicCaptures.TsharkAvailable(), "tshark is not installed");

        using var oracle = PublicCaptures.Oracle(capture);
        var exported = PublicCaptures.ExportImf(capture);
        var rows = oracle.RootElement.GetProperty("messages_index").EnumerateArray()
            .Where(r => r.GetProperty("agreement").GetString() == "both"
                        && r.GetProperty("tshark_sha256").GetString() == r.GetProperty("reconstructed_sha256").GetString()
                        && exported.ContainsKey(r.GetProperty("tshark_sha256").GetString()!))
            .ToList();
        Assert.NotEmpty(rows);
        var imf = oracle.RootElement.GetProperty("imf").GetProperty("messages").EnumerateArray()
            .GroupBy(m => m.GetProperty("sha256").GetString()!).ToDictionary(g => g.Key, g => g.First());

        var output = new MemoryStream();
        using (var json = new JsonLinesWriter(output))
        {
            var model = new CaptureModel(null, json);
            model.FlowStarted(Events.Flow(1));
            foreach (var row in rows)
                model.Emit(Events.Message(1, exported[row.GetProperty("tshark_sha256").GetString()!]));
            model.Complete();

            Assert.Equal(rows.Count, model.Messages.Count);
            for (int i = 0; i < rows.Count; i++)
                AssertMatches(rows[i], imf[rows[i].GetProperty("tshark_sha256").GetString()!], model.Messages[i]);
        }

        var jsonMessages = JsonLines.Parse(output).Where(d => d.RootElement.GetProperty("type").GetString() == "message").ToList();
        Assert.Equal(rows.Count, jsonMessages.Count);
        for (int i = 0; i < rows.Count; i++)
        {
            var j = jsonMessages[i].RootElement;
            Assert.Equal(rows[i].GetProperty("tshark_sha256").GetString(), j.GetProperty("sha256").GetString());
            Assert.Equal(rows[i].GetProperty("tshark_size").GetInt64(), j.GetProperty("size").GetInt64());
            Assert.Equal(rows[i].GetProperty("subject").GetString()?.TrimEnd(), j.GetProperty("subject").GetString());
            var expected = rows[i].GetProperty("attachments").EnumerateArray().Select(a => a.GetProperty("sha256").GetString()).ToList();
            var actual = j.GetProperty("attachments").EnumerateArray()
                .Where(a => !a.GetProperty("nested").GetBoolean() && a.GetProperty("content_type").GetString() != "message/rfc822").Select(a => a.GetProperty("sha256").GetString()).ToList();
            Assert.Equal(expected, actual);
        }
    }

    [SkippableFact]
    public void Attached_message_is_listed_with_the_bytes_tshark_exports_for_it()
    {
        const string capture = "zeek-smtp-ipv6-attached-message.pcap";
        Skip.IfNot(PublicCaptures.Available, "shared/captures/public not found beside the repository");
        Skip.IfNot(PublicCaptures.TsharkAvailable(), "tshark is not installed");
        using var oracle = PublicCaptures.Oracle(capture);
        var exported = PublicCaptures.ExportImf(capture);
        var imf = oracle.RootElement.GetProperty("imf").GetProperty("messages").EnumerateArray().ToList();
        var outer = imf.Single(m => !m.GetProperty("nested_in_other_imf").GetBoolean());
        var inner = imf.Single(m => m.GetProperty("nested_in_other_imf").GetBoolean());

        var summary = new MessageSummarizer().Summarize(new MemoryStream(exported[outer.GetProperty("sha256").GetString()!]));

        var attached = Assert.Single(summary.Attachments, a => a.ContentType == "message/rfc822");
        Assert.Equal(inner.GetProperty("size").GetInt64(), attached.Size);
        Assert.Equal(inner.GetProperty("sha256").GetString(), attached.Sha256);
    }

    private static void AssertMatches(JsonElement row, JsonElement imf, MessageRecord record)
    {
        var s = record.Summary;
        Assert.Null(s.ParseError);
        Assert.Equal(row.GetProperty("tshark_sha256").GetString(), record.Sha256);
        Assert.Equal(row.GetProperty("tshark_size").GetInt64(), record.Size);
        // Python keeps a header's trailing blanks, MimeKit trims them; they carry no meaning.
        Assert.Equal(row.GetProperty("subject").GetString()?.TrimEnd(), s.Subject);
        Assert.Equal(row.GetProperty("message_id").GetString()?.Trim('<', '>'), s.MessageId);
        var from = imf.GetProperty("from_addresses").EnumerateArray().Select(e => e.GetString()).FirstOrDefault();
        Assert.Equal(from, s.From);
        var to = imf.GetProperty("to_addresses").EnumerateArray().Select(e => e.GetString()!).ToList();
        Assert.Equal(to, s.To);

        var expected = row.GetProperty("attachments").EnumerateArray().ToList();
        // Python's is_attachment() wants Content-Disposition: attachment; we also list attached messages
        // (message/rfc822) and their inner parts, which the oracle leaves out.
        var actual = s.Attachments.Where(a => !a.Nested && a.ContentType != "message/rfc822").ToList();
        Assert.Equal(expected.Count, actual.Count);
        for (int i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i].GetProperty("filename").GetString(), actual[i].FileName);
            Assert.Equal(expected[i].GetProperty("content_type").GetString(), actual[i].ContentType);
            Assert.Equal(expected[i].GetProperty("decoded_size").GetInt64(), actual[i].Size);
            Assert.Equal(expected[i].GetProperty("sha256").GetString(), actual[i].Sha256);
        }
    }
}
