using MailSniffer.Core.Capture;
using MailSniffer.Core.Flows;
using MailSniffer.Decoders.Dns;
using MailSniffer.Decoders.Events;
using B = MailSniffer.Decoders.Tests.Dns.DnsWireBuilder;

using MailSniffer.Decoders.Tests.Support;

namespace MailSniffer.Decoders.Tests.Dns;

public class DnsDecoderTests
{
    private static readonly CaptureTime T0 = new(1_000_000_000);
    private static readonly CaptureTime T1 = new(1_250_000_000);

    private static List<MailEvent> Udp(params byte[][] datagrams)
    {
        var sink = new ListEventSink();
        var d = new DnsDecoder(TestFlows.Context(), sink);
        for (int i = 0; i < datagrams.Length; i++) d.Datagram(i % 2 == 0 ? Direction.ClientToServer : Direction.ServerToClient, datagrams[i], i == 0 ? T0 : T1);
        return sink.Events;
    }

    [Fact]
    public void Mx_query_and_answer_matched_by_id_with_query_time()
    {
        var q = new B { Id = 7 }.Question("b.test", 15).Edns().Build();
        var r = new B { Id = 7, Response = true }.Question("b.test", 15)
            .Answer("b.test", 15, 300, B.Mx(10, "mx.b.test")).Answer("b.test", 15, 300, B.Mx(20, "mx2.b.test")).Edns().Build();
        var ev = Udp(q, r);
        var query = Assert.Single(ev.OfType<DnsQueryEvent>());
        Assert.Equal((7, "b.test", "MX"), (query.Id, query.Name, query.QType));
        var answers = ev.OfType<DnsAnswerEvent>().ToList();
        Assert.Equal(new[] { "10 mx.b.test", "20 mx2.b.test" }, answers.Select(a => a.Data));
        Assert.All(answers, a => Assert.Equal(("MX", "NOERROR", 300, "answer", (CaptureTime?)T0), (a.RType, a.Rcode, a.Ttl, a.Section, a.QueryTs)));
    }

    [Theory]
    [InlineData((ushort)1, "A")]
    [InlineData((ushort)28, "AAAA")]
    [InlineData((ushort)5, "CNAME")]
    [InlineData((ushort)16, "TXT")]
    [InlineData((ushort)12, "PTR")]
    public void Each_record_type_is_rendered(ushort type, string name)
    {
        byte[] rdata = type switch
        {
            1 => B.A("192.0.2.7"),
            28 => B.A("2001:db8::25"),
            5 => B.Name("real.b.test"),
            16 => B.Txt("v=spf1 ", "ip4:192.0.2.0/24 -all"),
            _ => B.Name("host.b.test"),
        };
        string expected = type switch
        {
            1 => "192.0.2.7",
            28 => "2001:db8::25",
            5 => "real.b.test",
            16 => "v=spf1 ip4:192.0.2.0/24 -all",
            _ => "host.b.test",
        };
        var r = new B { Response = true }.Question("x.b.test", type).Answer("x.b.test", type, 60, rdata).Build();
        var a = Assert.Single(Udp(r).OfType<DnsAnswerEvent>());
        Assert.Equal((name, expected, "x.b.test", (CaptureTime?)null), (a.RType, a.Data, a.Name, a.QueryTs));
    }

    [Fact]
    public void Nxdomain_gives_one_null_answer_then_the_soa_authority()
    {
        var r = new B { Response = true, Rcode = 3 }.Question("nope.b.test", 1).Authority("b.test", 6, 900, B.Soa()).Build();
        var ev = Udp(r).OfType<DnsAnswerEvent>().ToList();
        Assert.Equal(2, ev.Count);
        Assert.Equal(("nope.b.test", null, null, "NXDOMAIN", "answer"), (ev[0].Name, ev[0].RType, ev[0].Data, ev[0].Rcode, ev[0].Section));
        Assert.Equal(("SOA", "authority", "ns.b.test hostmaster.b.test 1 2 3 4 5"), (ev[1].RType, ev[1].Section, ev[1].Data));
    }

    [Fact]
    public void Servfail_rcode_named()
    {
        var r = new B { Response = true, Rcode = 2 }.Question("b.test", 15).Build();
        Assert.Equal("SERVFAIL", Assert.Single(Udp(r).OfType<DnsAnswerEvent>()).Rcode);
    }

    [Fact]
    public void Edns_opt_record_is_not_an_answer()
    {
        var r = new B { Response = true }.Question("b.test", 1).Answer("b.test", 1, 5, B.A("192.0.2.1")).Edns().Build();
        Assert.Single(Udp(r).OfType<DnsAnswerEvent>());
    }

    [Fact]
    public void Tcp_framing_split_at_every_byte_and_merged()
    {
        var q1 = new B { Id = 1 }.Question("a.test", 1).Build();
        var q2 = new B { Id = 2 }.Question("b.test", 28).Build();
        var r1 = new B { Id = 1, Response = true }.Question("a.test", 1).Answer("a.test", 1, 9, B.A("192.0.2.1")).Build();
        byte[] Framed(byte[] m) => [.. B.U16((ushort)m.Length), .. m];
        byte[] client = [.. Framed(q1), .. Framed(q2)];

        List<string> Run(int chunk)
        {
            var sink = new ListEventSink();
            var d = new DnsTcpDecoder(TestFlows.Context(), sink);
            for (int i = 0; i < client.Length; i += chunk) d.Feed(Direction.ClientToServer, client.AsSpan(i, Math.Min(chunk, client.Length - i)), T0);
            var s = Framed(r1);
            for (int i = 0; i < s.Length; i += chunk) d.Feed(Direction.ServerToClient, s.AsSpan(i, Math.Min(chunk, s.Length - i)), T1);
            d.Finish(T1);
            return sink.Events.Select(e => e.ToString()).ToList();
        }

        var whole = Run(int.MaxValue / 2);
        Assert.Equal(3, whole.Count);
        Assert.Contains("Name = b.test, QType = AAAA", whole[1]);
        Assert.Equal(whole, Run(1));
        Assert.Equal(whole, Run(3));
        Assert.Equal(whole, Run(7));
    }

    [Fact]
    public void Tcp_gap_stops_decoding()
    {
        var sink = new ListEventSink();
        var d = new DnsTcpDecoder(TestFlows.Context(), sink);
        Assert.Equal(DecodeStatus.Malformed, d.Gap(Direction.ClientToServer, 10, T0).Status);
        Assert.Equal(DecodeStatus.Malformed, d.Feed(Direction.ClientToServer, new byte[] { 0, 12 }, T0).Status);
        Assert.Contains("framing lost", Assert.Single(sink.Events.OfType<AnomalyEvent>()).Reason);
    }

    [Fact]
    public void Tcp_connection_ending_mid_message_is_flagged()
    {
        var sink = new ListEventSink();
        var d = new DnsTcpDecoder(TestFlows.Context(), sink);
        d.Feed(Direction.ClientToServer, new byte[] { 0, 40, 1, 2, 3 }, T0);
        d.Finish(T1);
        Assert.Contains("cut after 5 bytes", Assert.Single(sink.Events.OfType<AnomalyEvent>()).Reason);
    }
}
