using MailSniffer.Decoders.Dns;
using MailSniffer.Decoders.Imap;
using MailSniffer.Decoders.Pop3;
using MailSniffer.Decoders.Smtp;
using MailSniffer.Decoders.Tls;

namespace MailSniffer.Decoders.Pipeline;

/// <summary>Which decoder handles which detected protocol. The host asks it by name; engineers register their decoders.</summary>
public sealed class DecoderRegistry
{
    private readonly Dictionary<string, Func<FlowContext, IMailEventSink, IStreamDecoder>> _stream = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, Func<FlowContext, IMailEventSink, IDatagramDecoder>> _datagram = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>SMTP, POP3, IMAP, DNS over TCP and implicit TLS for streams; DNS for datagrams.</summary>
    public static DecoderRegistry CreateDefault()
    {
        var r = new DecoderRegistry();
        r.Register("smtp", (f, s) => new SmtpDecoder(f, s));
        r.Register("pop3", (f, s) => new Pop3Decoder(f, s));
        r.Register("imap", (f, s) => new ImapDecoder(f, s));
        r.Register("dns", (f, s) => new DnsTcpDecoder(f, s));
        r.Register("tls", (f, s) => new TlsDecoder(f, s));
        r.RegisterDatagram("dns", (f, s) => new DnsDecoder(f, s));
        return r;
    }

    public IEnumerable<string> StreamProtocols => _stream.Keys;

    public void Register(string protocol, Func<FlowContext, IMailEventSink, IStreamDecoder> factory) => _stream[protocol] = factory;

    public void RegisterDatagram(string protocol, Func<FlowContext, IMailEventSink, IDatagramDecoder> factory) => _datagram[protocol] = factory;

    public IStreamDecoder? CreateStream(string protocol, FlowContext flow, IMailEventSink sink) =>
        _stream.TryGetValue(protocol, out var f) ? f(flow, sink) : null;

    public IDatagramDecoder? CreateDatagram(string protocol, FlowContext flow, IMailEventSink sink) =>
        _datagram.TryGetValue(protocol, out var f) ? f(flow, sink) : null;
}
