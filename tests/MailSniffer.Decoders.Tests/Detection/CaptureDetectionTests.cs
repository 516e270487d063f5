using System.Net;
using MailSniffer.Core.Capture;
using MailSniffer.Core.Flows;
using MailSniffer.Decoders.Events;
using MailSniffer.Decoders.Pipeline;
using MailSniffer.Decoders.Tests.Pipeline;
using MailSniffer.Decoders.Tests.Support;
using Xunit.Abstractions;

namespace MailSniffer.Decoders.Tests.Detection;

/// <summary>Every TCP stream of every shared capture through the host: the detected protocol must match the oracle.</summary>
public class CaptureDetectionTests(ITestOutputHelper output)
{
    /// <summary>
    /// Where we know better than the oracle, which only dissects mail on registered ports: checked by hand with
    /// tshark -z follow,tcp,ascii (a Microsoft ESMTP banner, EHLO, STARTTLS on port 2525).
    /// </summary>
    private static readonly Dictionary<(string, int), string> Overrides = new()
    {
        [("arkime-smtp-starttls-then-plaintext.pcap", 1)] = "smtp",
        [("arkime-smtp-starttls-then-plaintext.pcap", 2)] = "smtp",
    };

    [TsharkFact]
    public void Every_stream_of_every_capture_is_detected_as_the_oracle_says()
    {
        var failures = new List<string>();
        int checkedStreams = 0;
        foreach (var path in Directory.GetFiles(SharedCaptureFolder.Path!).Where(p => p.EndsWith(".pcap") || p.EndsWith(".pcapng")).Order())
        {
            string name = Path.GetFileName(path);
            var oracle = CaptureOracle.Load(name);
            var expected = oracle.GetProperty("reconstruction").EnumerateArray()
                .ToDictionary(r => r.GetProperty("tcp_stream").GetInt32(), r => r.GetProperty("protocol").GetString()!);
            foreach (int stream in TsharkStreamExtractor.TcpStreams(path))
            {
                var turns = TsharkStreamExtractor.FollowTcp(path, stream, out ushort port);
                string detected = Detect(turns, port);
                string want = Overrides.TryGetValue((name, stream), out var o) ? o
                    : expected.TryGetValue(stream, out var p) ? p : name.Contains("dns-tcp") ? "dns" : "(not mail)";
                bool ok = want == "(not mail)" ? detected is not ("smtp" or "pop3" or "imap") : detected == want;
                output.WriteLine($"{name} stream {stream} port {port}: {detected} (oracle: {want})");
                if (!ok) failures.Add($"{name} stream {stream}: detected {detected}, oracle {want}");
                checkedStreams++;
            }
        }
        Assert.True(checkedStreams > 40, $"only {checkedStreams} streams");
        Assert.Empty(failures);
    }

    private static string Detect(List<ImapTranscriptTurn> turns, ushort port)
    {
        var events = new ListEventSink();
        var registry = DecoderRegistry.CreateDefault();
        registry.Register("smtp", (_, _) => new RecordingDecoder("smtp"));
        registry.Register("pop3", (_, _) => new RecordingDecoder("pop3"));
        var host = new DecodingStreamSink(events, registry);
        var flow = new FlowInfo(1, Transport.Tcp, new IpEndpoint(IPAddress.Loopback, 40000), new IpEndpoint(IPAddress.Loopback, port), new CaptureTime(0));
        host.FlowStarted(flow);
        for (int i = 0; i < turns.Count; i++) host.StreamData(flow, turns[i].Direction, turns[i].Data, new CaptureTime(i));
        host.FlowEnded(flow);
        return events.Events.OfType<ProtocolDetectedEvent>().SingleOrDefault()?.Protocol ?? "(none)";
    }
}
