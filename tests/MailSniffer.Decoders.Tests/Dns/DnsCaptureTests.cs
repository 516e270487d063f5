using System.Globalization;
using System.Text.Json;
using MailSniffer.Core.Flows;
using MailSniffer.Decoders.Dns;
using MailSniffer.Decoders.Events;
using MailSniffer.Decoders.Tests.Support;

namespace MailSniffer.Decoders.Tests.Dns;

/// <summary>Real captures: UDP payloads and TCP streams extracted by tshark, compared with the oracles' DNS section.</summary>
public class DnsCaptureTests
{
    [TsharkTheory]
    [InlineData("arkime-dns-mx.pcap")]
    [InlineData("surv-dns-a-aaaa-mx.pcap")]
    [InlineData("zeek-dns-ipv6-fragmented.pcap")]
    [InlineData("ndpi-dns-linux-sll.pcapng")]
    [InlineData("zeek-smtp-auth-login-attachment.pcap")]
    public void Udp_queries_and_answers_match_the_oracle(string capture)
    {
        var sink = new ListEventSink();
        var decoders = new Dictionary<(int, int), DnsDecoder>();
        foreach (var (src, dst, payload) in TsharkStreamExtractor.UdpPayloads(SharedCaptureFolder.File(capture)))
        {
            if (src != 53 && dst != 53) continue;
            var key = (Math.Min(src, dst), Math.Max(src, dst));
            if (!decoders.TryGetValue(key, out var d)) decoders[key] = d = new DnsDecoder(TestFlows.Context(decoders.Count + 1), sink);
            Assert.Equal(DecodeStatus.NeedMore, d.Datagram(dst == 53 ? Direction.ClientToServer : Direction.ServerToClient, payload, default).Status);
        }
        Assert.Equal(Expected(capture, "udp"), Render(sink.Events));
    }

    [TsharkFact]
    public void Tcp_streams_match_the_oracle_under_any_split()
    {
        const string capture = "arkime-dns-tcp.pcap";
        var path = SharedCaptureFolder.File(capture);
        var events = new List<MailEvent>();
        foreach (int stream in TsharkStreamExtractor.TcpStreams(path))
            events.AddRange(ImapTranscriptReplay.AssertSplitInvariant((f, s) => new DnsTcpDecoder(f, s), TsharkStreamExtractor.FollowTcp(path, stream)));
        Assert.Empty(events.OfType<AnomalyEvent>());
        Assert.Equal(Expected(capture, "tcp"), Render(events));
    }

    private static List<string> Render(IEnumerable<MailEvent> events) => events.Select(e => e switch
    {
        DnsQueryEvent q => $"Q {q.Id} {q.Name} {q.QType}",
        DnsAnswerEvent a => $"R {a.Id} {a.Section} {a.Name} {a.RType} {a.Data} {a.Ttl} {a.Rcode}",
        _ => e.ToString(),
    }).ToList();

    private static List<string> Expected(string capture, string transport)
    {
        var list = new List<string>();
        foreach (var m in CaptureOracle.Load(capture).GetProperty("dns").GetProperty("messages").EnumerateArray())
        {
            if (m.GetProperty("transport").GetString() != transport) continue;
            int id = int.Parse(m.GetProperty("id").GetString()![2..], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            var questions = m.GetProperty("queries").EnumerateArray().ToList();
            if (!m.GetProperty("is_response").GetBoolean())
            {
                foreach (var q in questions) list.Add($"Q {id} {q.GetProperty("name").GetString()} {q.GetProperty("type").GetString()}");
                continue;
            }
            string rcode = m.GetProperty("rcode").GetInt32() switch { 0 => "NOERROR", 3 => "NXDOMAIN", 2 => "SERVFAIL", int n => "RCODE" + n };
            var answers = m.TryGetProperty("answers", out var a) ? a.EnumerateArray().ToList() : new List<JsonElement>();
            if (answers.Count == 0) list.Add($"R {id} answer {questions[0].GetProperty("name").GetString()}   0 {rcode}");
            foreach (var (section, key) in new[] { ("answer", "answers"), ("authority", "authority"), ("additional", "additional") })
            {
                if (!m.TryGetProperty(key, out var records)) continue;
                foreach (var r in records.EnumerateArray())
                    list.Add($"R {id} {section} {r.GetProperty("name").GetString()} {r.GetProperty("type").GetString()} {Data(r)} {r.GetProperty("ttl").GetInt32()} {rcode}");
            }
        }
        return list;
    }

    private static string Data(JsonElement r) => r.GetProperty("type").GetString() switch
    {
        "A" or "AAAA" => r.GetProperty("address").GetString()!,
        "MX" => $"{r.GetProperty("preference").GetInt32()} {r.GetProperty("exchange").GetString()}",
        "CNAME" => r.GetProperty("cname").GetString()!,
        "NS" => r.GetProperty("ns").GetString()!,
        "TXT" => string.Concat(r.GetProperty("txt").EnumerateArray().Select(t => t.GetString())),
        var t => throw new InvalidOperationException("oracle type not handled in test: " + t),
    };
}
