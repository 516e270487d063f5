using System.Net;
using System.Text;
using MailSniffer.Core.Capture;
using MailSniffer.Core.Flows;
using MailSniffer.Decoders.Events;
using MailSniffer.Decoders.Pipeline;
using MailSniffer.Decoders.Tests.Dns;

namespace MailSniffer.Decoders.Tests.Pipeline;

public class DecodingStreamSinkTests
{
    private readonly ListEventSink _events = new();
    private readonly List<RecordingDecoder> _created = new();
    private readonly List<FlowProtocolInfo> _finished = new();
    private readonly DecodingStreamSink _host;

    public DecodingStreamSinkTests()
    {
        var registry = DecoderRegistry.CreateDefault();
        // SMTP and POP3 decoders belong to another engineer; fakes stand in for them here.
        foreach (var p in new[] { "smtp", "pop3" })
            registry.Register(p, (_, _) => { var d = new RecordingDecoder(p); _created.Add(d); return d; });
        _host = new DecodingStreamSink(_events, registry, detectionWindow: 4096);
        _host.FlowFinished += _finished.Add;
    }

    private static FlowInfo Tcp(long id, ushort port) => new(id, Transport.Tcp, new IpEndpoint(IPAddress.Parse("192.0.2.10"), 50000),
        new IpEndpoint(IPAddress.Parse("192.0.2.25"), port), new CaptureTime(1));

    private static FlowInfo Udp(long id, ushort port) => new(id, Transport.Udp, new IpEndpoint(IPAddress.Parse("192.0.2.10"), 50001),
        new IpEndpoint(IPAddress.Parse("192.0.2.53"), port), new CaptureTime(1));

    private void Data(FlowInfo f, Direction d, string s, long ts) => _host.StreamData(f, d, Encoding.ASCII.GetBytes(s), new CaptureTime(ts));

    [Fact]
    public void Buffered_bytes_are_replayed_in_their_interleaved_order_then_streamed()
    {
        var f = Tcp(1, 2525);
        _host.FlowStarted(f);
        Data(f, Direction.ServerToClient, "22", 10);
        Data(f, Direction.ClientToServer, "x", 11);
        Data(f, Direction.ServerToClient, "0 mx ESMTP\r", 12);
        Assert.Empty(_created);
        Data(f, Direction.ServerToClient, "\n", 13);
        var d = Assert.Single(_created);
        Data(f, Direction.ClientToServer, "EHLO a\r\n", 14);
        Assert.Equal(new[] { "s2c 22 @10", "c2s x @11", "s2c 0 mx ESMTP\r @12", "s2c \n @13", "c2s EHLO a\r\n @14" }, d.Calls);
        var detected = Assert.Single(_events.Events.OfType<ProtocolDetectedEvent>());
        Assert.Equal(("smtp", 13L), (detected.Protocol, detected.Ts.UnixNanoseconds));
        _host.FlowEnded(f);
        Assert.Equal("finish", d.Calls[^1]);
        Assert.Equal(0, _host.ActiveFlows);
        Assert.Equal(new FlowProtocolInfo(1, "smtp", detected.Evidence, false), Assert.Single(_finished));
    }

    [Fact]
    public void Gap_before_detection_is_replayed_and_detection_uses_what_follows()
    {
        var f = Tcp(2, 110);
        Data(f, Direction.ServerToClient, "garbage that is cut", 1);
        _host.StreamGap(f, Direction.ServerToClient, 500, new CaptureTime(2));
        Data(f, Direction.ServerToClient, "+OK 2 messages\r\n", 3);
        var d = Assert.Single(_created);
        Assert.Equal("pop3", d.Protocol);
        Assert.Equal(new[] { "s2c garbage that is cut @1", "s2c gap 500 @2", "s2c +OK 2 messages\r\n @3" }, d.Calls);
    }

    [Fact]
    public void Unknown_flow_is_bounded_and_gets_no_decoder()
    {
        var f = Tcp(3, 143);
        var junk = new byte[1024];
        new Random(3).NextBytes(junk);
        for (int i = 0; i < 100; i++)
        {
            _host.StreamData(f, Direction.ClientToServer, junk, new CaptureTime(i));
            Assert.True(_host.HeldBytes <= 4096 + junk.Length, $"held {_host.HeldBytes}");
        }
        Assert.Equal(0, _host.HeldBytes);
        Assert.Equal("unknown", Assert.Single(_events.Events.OfType<ProtocolDetectedEvent>()).Protocol);
        Assert.Empty(_created);
        _host.FlowEnded(f);
        Assert.Equal("unknown", Assert.Single(_finished).Protocol);
    }

    [Fact]
    public void Short_flow_decided_at_its_end_by_port_tie_break()
    {
        var f = Tcp(4, 110);
        Data(f, Direction.ClientToServer, "QUIT\r\n", 1);
        Assert.Empty(_created);
        _host.FlowEnded(f);
        var d = Assert.Single(_created);
        Assert.Equal(new[] { "c2s QUIT\r\n @1", "finish" }, d.Calls);
    }

    [Fact]
    public void Malformed_stops_feeding_and_is_flagged()
    {
        var f = Tcp(5, 25);
        Data(f, Direction.ServerToClient, "220 hi\r\n", 1);
        var d = Assert.Single(_created);
        d.Answer = call => call.Contains("BROKEN") ? DecodeResult.Malformed("test says broken") : DecodeResult.NeedMore;
        Data(f, Direction.ClientToServer, "BROKEN\r\n", 2);
        Data(f, Direction.ClientToServer, "after\r\n", 3);
        Assert.DoesNotContain(d.Calls, c => c.Contains("after"));
        Assert.Contains(_events.Events.OfType<AnomalyEvent>(), a => a.Reason.Contains("test says broken"));
    }

    [Fact]
    public void Imap_starttls_through_the_host_marks_the_flow_encrypted()
    {
        var f = Tcp(6, 1143);
        Data(f, Direction.ServerToClient, "* OK ready\r\n", 1);
        Data(f, Direction.ClientToServer, "a STARTTLS\r\n", 2);
        Data(f, Direction.ServerToClient, "a OK go\r\n", 3);
        _host.StreamData(f, Direction.ClientToServer, Tls.ClientHelloBuilder.Build("imap.b.test"), new CaptureTime(4));
        Assert.True(_host.GetFlow(6)!.Encrypted);
        _host.FlowEnded(f);
        var info = Assert.Single(_finished);
        Assert.Equal(("imap", true), (info.Protocol, info.Encrypted));
        Assert.Single(_events.Events.OfType<TlsEvent>());
    }

    [Fact]
    public void Implicit_tls_on_a_non_standard_port()
    {
        var f = Tcp(7, 10993);
        _host.StreamData(f, Direction.ClientToServer, Tls.ClientHelloBuilder.Build("mail.b.test"), new CaptureTime(1));
        var tls = Assert.Single(_events.Events.OfType<TlsEvent>());
        Assert.Equal(("implicit", "mail.b.test"), (tls.Kind, tls.Sni));
        _host.FlowEnded(f);
        Assert.Equal(("tls", true), (_finished[0].Protocol, _finished[0].Encrypted));
    }

    [Fact]
    public void Udp_dns_on_any_port_and_non_dns_udp_ignored()
    {
        var dns = Udp(8, 5300);
        var q = new DnsWireBuilder { Id = 9 }.Question("b.test", 15).Build();
        _host.Datagram(dns, Direction.ClientToServer, q, new CaptureTime(1));
        Assert.Equal("dns", Assert.Single(_events.Events.OfType<ProtocolDetectedEvent>()).Protocol);
        Assert.Equal("b.test", Assert.Single(_events.Events.OfType<DnsQueryEvent>()).Name);

        var other = Udp(9, 123);
        for (int i = 0; i < 10; i++) _host.Datagram(other, Direction.ClientToServer, "\x1b not dns at all"u8, new CaptureTime(2));
        Assert.Equal("unknown", _events.Events.OfType<ProtocolDetectedEvent>().Last().Protocol);
        Assert.Single(_events.Events.OfType<DnsQueryEvent>());
    }

    [Fact]
    public void Unregistered_protocol_is_reported_without_a_decoder()
    {
        var host = new DecodingStreamSink(_events, DecoderRegistry.CreateDefault());
        var f = Tcp(10, 25);
        host.StreamData(f, Direction.ServerToClient, "220 hi\r\n"u8, new CaptureTime(1));
        host.StreamData(f, Direction.ClientToServer, "EHLO x\r\n"u8, new CaptureTime(2));
        host.FlowEnded(f);
        Assert.Equal("smtp", Assert.Single(_events.Events.OfType<ProtocolDetectedEvent>()).Protocol);
        Assert.Equal(0, host.ActiveFlows);
    }

    [Fact]
    public void Imap_on_a_non_standard_port_end_to_end()
    {
        var f = Tcp(11, 8143);
        Data(f, Direction.ServerToClient, "* OK ready\r\n", 1);
        Data(f, Direction.ClientToServer, "a LOGIN u p\r\n", 2);
        Data(f, Direction.ServerToClient, "a OK\r\n", 3);
        Data(f, Direction.ClientToServer, "b FETCH 1 BODY[]\r\n", 4);
        Data(f, Direction.ServerToClient, "* 1 FETCH (BODY[] {5}\r\nhello)\r\nb OK\r\n", 5);
        _host.FlowEnded(f);
        Assert.Equal(("u", true), (Assert.Single(_events.Events.OfType<CredentialEvent>()).Username, _events.Events.OfType<CredentialEvent>().Single().Accepted));
        Assert.Equal(5, Assert.Single(_events.Events.OfType<MessageEvent>()).Content.Length);
    }
}
