using System.Diagnostics;
using MailSniffer.Core.Flows;
using MailSniffer.Decoders.Dns;
using MailSniffer.Decoders.Events;
using B = MailSniffer.Decoders.Tests.Dns.DnsWireBuilder;

using MailSniffer.Decoders.Tests.Support;

namespace MailSniffer.Decoders.Tests.Dns;

/// <summary>ARSoft's parser on hostile input, through our wrapper: no exception escapes, no hang, each case flagged.</summary>
public class DnsHostileTests
{
    public static TheoryData<string, byte[]> Cases() => new()
    {
        { "question name points to itself", [0x12, 0x34, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0, 0xC0, 12, 0, 1, 0, 1] },
        { "label then pointer back to it", [0x12, 0x34, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0, 1, (byte)'a', 0xC0, 12, 0, 1, 0, 1] },
        { "CNAME rdata pointing to itself", [0x12, 0x34, 0x81, 0x80, 0, 1, 0, 1, 0, 0, 0, 0, 3, 97, 98, 99, 0, 0, 1, 0, 1, 0xC0, 12, 0, 5, 0, 1, 0, 0, 0, 1, 0, 2, 0xC0, 35] },
        { "pointer past the end", [0x12, 0x34, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0, 0xC0, 0xFF, 0, 1, 0, 1] },
        { "rdlength past the end", [0x12, 0x34, 0x81, 0x80, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 1, 0, 1, 0, 0, 0, 1, 0xFF, 0xFF, 1, 2] },
        { "counts far beyond the data", [0, 0, 0, 0, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF] },
        { "truncated header", [0x12, 0x34, 0x01] },
        { "empty", [] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Malformed_datagram_is_flagged_quickly(string what, byte[] wire)
    {
        var sink = new ListEventSink();
        var d = new DnsDecoder(TestFlows.Context(), sink);
        var sw = Stopwatch.StartNew();
        var r = d.Datagram(Direction.ClientToServer, wire, default);
        Assert.True(sw.Elapsed < TimeSpan.FromSeconds(5), what); // a hang guard, not a speed goal
        Assert.Equal(DecodeStatus.Malformed, r.Status);
        Assert.Single(sink.Events.OfType<AnomalyEvent>());
    }

    [Fact]
    public void Truncated_real_message_at_every_length_never_throws()
    {
        var full = new B { Response = true }.Question("b.test", 15).Answer("b.test", 15, 1, B.Mx(10, "mx.b.test")).Build();
        for (int n = 0; n < full.Length; n++)
        {
            var d = new DnsDecoder(TestFlows.Context(), new ListEventSink());
            Assert.Equal(DecodeStatus.Malformed, d.Datagram(Direction.ServerToClient, full.AsSpan(0, n), default).Status);
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Random_bytes_never_throw_and_stay_fast(int seed)
    {
        var rnd = new Random(seed);
        var udp = new DnsDecoder(TestFlows.Context(), new ListEventSink());
        var tcp = new DnsTcpDecoder(TestFlows.Context(), new ListEventSink());
        var sw = Stopwatch.StartNew();
        for (int i = 0; i < 5000; i++)
        {
            var b = new byte[rnd.Next(0, 600)];
            rnd.NextBytes(b);
            udp.Datagram(Direction.ClientToServer, b, default);
            tcp.Feed(i % 2 == 0 ? Direction.ClientToServer : Direction.ServerToClient, b, default);
        }
        tcp.Finish(default);
        Assert.True(sw.Elapsed < TimeSpan.FromSeconds(20), $"took {sw.Elapsed}");
    }

    [Fact]
    public void Long_chain_of_compression_pointers_is_fast()
    {
        // 2000 answers whose names are chains of pointers, each one step back: the worst ARSoft has to follow.
        var m = new List<byte> { 0x12, 0x34, 0x81, 0x80, 0, 1, 0x07, 0xD0, 0, 0, 0, 0, 1, (byte)'a', 0, 0, 1, 0, 1 };
        int prev = 12;
        for (int i = 0; i < 2000; i++)
        {
            int here = m.Count;
            m.AddRange(new byte[] { 1, (byte)'b', (byte)(0xC0 | prev >> 8), (byte)prev, 0, 1, 0, 1, 0, 0, 0, 1, 0, 4, 192, 0, 2, 1 });
            prev = here;
        }
        var sink = new ListEventSink();
        var sw = Stopwatch.StartNew();
        new DnsDecoder(TestFlows.Context(), sink).Datagram(Direction.ServerToClient, m.ToArray(), default);
        Assert.True(sw.Elapsed < TimeSpan.FromSeconds(5), $"took {sw.Elapsed}");
        // Names longer than 255 octets are invalid; either way the outcome is reported, never thrown.
        Assert.True(sink.Events.OfType<AnomalyEvent>().Any() || sink.Events.OfType<DnsAnswerEvent>().Count() == 2000);
    }
}
