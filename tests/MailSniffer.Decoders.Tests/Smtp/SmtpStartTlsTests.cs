using MailSniffer.Core.Capture;
using MailSniffer.Core.Flows;
using MailSniffer.Decoders.Events;
using MailSniffer.Decoders.Smtp;
using MailSniffer.Decoders.Tests.Support;
using static MailSniffer.Decoders.Tests.Smtp.SmtpReplay;

namespace MailSniffer.Decoders.Tests.Smtp;

/// <summary>STARTTLS: decided by the bytes that follow the 220, never decoding TLS records as commands.</summary>
public sealed class SmtpStartTlsTests
{
    private static readonly byte[] ClientHello = [0x16, 0x03, 0x01, 0x00, 0x2a, 0x01, 0x00, 0x00, 0x26, 0x03, 0x03, 0x0d, 0x0a, 0x45, 0x48];
    private static readonly byte[] ServerHello = [0x16, 0x03, 0x03, 0x00, 0x31, 0x02, 0x00, 0x00, 0x2d, 0x03, 0x03, 0x0d, 0x0a];

    [Fact]
    public void Tls_after_220_stops_decoding()
    {
        var t = new Transcript()
            .S("220 mx").C("EHLO c").S("250-mx", "250 STARTTLS")
            .C("STARTTLS").S("220 2.0.0 Ready to start TLS")
            .Raw(Direction.ClientToServer, ClientHello)
            .Raw(Direction.ServerToClient, ServerHello);
        var events = Decode(t);
        var tls = Assert.IsType<TlsEvent>(events[^1]);
        Assert.Equal(("starttls", "smtp"), (tls.Kind, tls.Protocol));
        Assert.Single(events.OfType<TlsEvent>());
        Assert.DoesNotContain(events, e => e is AnomalyEvent);
    }

    [Fact]
    public void Feed_returns_done_after_the_switch_and_ignores_the_rest()
    {
        var sink = new ListEventSink();
        var d = new SmtpDecoder(TestFlows.Context(), sink);
        d.Feed(Direction.ServerToClient, "220 mx\r\n"u8, CaptureTime.Zero);
        d.Feed(Direction.ClientToServer, "STARTTLS\r\n"u8, CaptureTime.Zero);
        Assert.Equal(DecodeStatus.NeedMore, d.Feed(Direction.ServerToClient, "220 go\r\n"u8, CaptureTime.Zero).Status);
        Assert.Equal(DecodeStatus.Done, d.Feed(Direction.ClientToServer, ClientHello, CaptureTime.Zero).Status);
        int count = sink.Events.Count;
        Assert.Equal(DecodeStatus.Done, d.Feed(Direction.ClientToServer, "MAIL FROM:<x@y>\r\n"u8, CaptureTime.Zero).Status);
        d.Finish(CaptureTime.Zero);
        Assert.Equal(count, sink.Events.Count);
    }

    [Fact]
    public void One_sided_client_starttls_then_client_hello()
    {
        var t = new Transcript().C("EHLO c", "STARTTLS").Raw(Direction.ClientToServer, ClientHello);
        var events = Decode(t);
        Assert.IsType<TlsEvent>(events[^1]);
        Assert.Equal(2, events.OfType<SmtpCommandEvent>().Count());
    }

    [Fact]
    public void Plaintext_after_220_keeps_decoding()
    {
        var t = new Transcript()
            .S("220 mx").C("EHLO c").S("250 mx")
            .C("STARTTLS").S("220 Ready")
            .C("EHLO c").S("250 mx")
            .C("MAIL FROM:<a@x>", "RCPT TO:<b@y>", "DATA").S("250 ok", "250 ok", "354 go")
            .C("decrypted", ".").S("250 ok");
        var events = Decode(t);
        Assert.Empty(events.OfType<TlsEvent>());
        Assert.Single(events.OfType<MessageEvent>());
    }

    [Fact]
    public void Refused_starttls_keeps_decoding()
    {
        var t = new Transcript()
            .S("220 mx").C("STARTTLS").S("454 TLS not available")
            .C("MAIL FROM:<a@x>").S("250 ok");
        var events = Decode(t);
        Assert.Empty(events.OfType<TlsEvent>());
        Assert.Contains(events.OfType<SmtpCommandEvent>(), c => c.Verb == "MAIL");
    }
}
