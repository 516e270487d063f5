using MailSniffer.Core.Flows;
using MailSniffer.Decoders.Events;
using MailSniffer.Decoders.Tests.Support;
using MailSniffer.Decoders.Tls;

namespace MailSniffer.Decoders.Tests.Tls;

public class TlsTests
{
    private static FlowContext Flow(ushort port) => TestFlows.Context() with
    {
        Server = new IpEndpoint(System.Net.IPAddress.Parse("192.0.2.25"), port),
    };

    [Theory]
    [InlineData(new byte[] { 0x16, 3, 1, 0, 200 }, TlsRecognition.Tls)]
    [InlineData(new byte[] { 0x17, 3, 3, 0x40, 0x00 }, TlsRecognition.Tls)]
    [InlineData(new byte[] { 0x15, 3, 0, 0, 2 }, TlsRecognition.Tls)]
    [InlineData(new byte[] { 0x16, 3 }, TlsRecognition.NeedMore)]
    [InlineData(new byte[] { 0x16, 3, 5, 0, 1 }, TlsRecognition.NotTls)]
    [InlineData(new byte[] { 0x16, 3, 1, 0, 0 }, TlsRecognition.NotTls)]
    [InlineData(new byte[] { 0x16, 3, 1, 0xFF, 0xFF }, TlsRecognition.NotTls)]
    [InlineData(new byte[] { (byte)'*', (byte)' ', (byte)'O', (byte)'K', (byte)' ' }, TlsRecognition.NotTls)]
    [InlineData(new byte[] { (byte)'2', (byte)'2', (byte)'0' }, TlsRecognition.NotTls)]
    public void Record_header_recognition(byte[] data, TlsRecognition expected) => Assert.Equal(expected, TlsRecordHeader.Recognize(data));

    [Fact]
    public void Implicit_tls_on_993_reports_sni_once_even_when_split()
    {
        var hello = ClientHelloBuilder.Build("imap.b.test");
        var sink = new ListEventSink();
        var d = new TlsDecoder(Flow(993), sink);
        DecodeResult r = default;
        foreach (var b in hello) r = d.Feed(Direction.ClientToServer, new[] { b }, default);
        Assert.Equal(DecodeStatus.Done, r.Status);
        d.Finish(default);
        var tls = Assert.Single(sink.Events.OfType<TlsEvent>());
        Assert.Equal(("implicit", "imap", "imap.b.test"), (tls.Kind, tls.Protocol, tls.Sni));
    }

    [Fact]
    public void Hello_without_sni_and_server_only_capture()
    {
        var sink = new ListEventSink();
        new TlsDecoder(Flow(8443), sink).Feed(Direction.ClientToServer, ClientHelloBuilder.Build(null), default);
        var tls = Assert.Single(sink.Events.OfType<TlsEvent>());
        Assert.Equal(((string?)null, (string?)null), (tls.Protocol, tls.Sni));

        var sink2 = new ListEventSink();
        var d2 = new TlsDecoder(Flow(465), sink2);
        d2.Feed(Direction.ServerToClient, new byte[] { 0x16, 3, 3, 0, 10, 1, 2 }, default);
        d2.Finish(default);
        Assert.Equal("smtp", Assert.Single(sink2.Events.OfType<TlsEvent>()).Protocol);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Truncated_and_random_hellos_never_throw(int seed)
    {
        var hello = ClientHelloBuilder.Build("x.test");
        for (int n = 0; n <= hello.Length; n++) TlsClientHello.TryGetServerName(hello.AsSpan(0, n));
        var rnd = new Random(seed);
        for (int i = 0; i < 2000; i++)
        {
            var b = (byte[])hello.Clone();
            b[rnd.Next(5, b.Length)] = (byte)rnd.Next(256);
            TlsClientHello.TryGetServerName(b);
            var junk = new byte[rnd.Next(0, 300)];
            rnd.NextBytes(junk);
            new TlsDecoder(Flow(993), new ListEventSink()).Feed(Direction.ClientToServer, junk, default);
        }
    }

    [TsharkFact]
    public void Sni_from_a_real_starttls_client_hello()
    {
        var path = SharedCaptureFolder.File("ndpi-smtp-starttls-ipv6-vlan.pcap");
        var names = new List<string?>();
        foreach (int stream in TsharkStreamExtractor.TcpStreams(path))
        {
            var client = TsharkStreamExtractor.FollowTcp(path, stream).Where(t => t.Direction == Direction.ClientToServer).Select(t => t.Data).ToList();
            int first = client.FindIndex(d => d.Length > 0 && d[0] == 0x16);
            if (first < 0) continue;
            var sink = new ListEventSink();
            var dec = new TlsDecoder(Flow(25), sink);
            foreach (var chunk in client.Skip(first)) dec.Feed(Direction.ClientToServer, chunk, default);
            dec.Finish(default);
            names.Add(Assert.Single(sink.Events.OfType<TlsEvent>()).Sni);
        }
        // tshark: tls.handshake.extensions_server_name is dovecot.weberlab.de in one of the two sessions.
        Assert.Contains("dovecot.weberlab.de", names);
    }
}
