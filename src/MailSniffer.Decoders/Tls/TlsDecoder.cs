using MailSniffer.Core.Capture;
using MailSniffer.Core.Flows;
using MailSniffer.Decoders.Events;

namespace MailSniffer.Decoders.Tls;

/// <summary>
/// Implicit TLS (a connection encrypted from its first byte, e.g. IMAPS on 993): reports it once, with the SNI from the
/// client's first record when that record is seen whole, and is then done. The mail protocol inside is guessed from the
/// server port only (993 imap, 995 pop3, 465 smtp) since nothing else is visible.
/// </summary>
public sealed class TlsDecoder : IStreamDecoder
{
    private readonly FlowContext _flow;
    private readonly IMailEventSink _sink;
    private readonly byte[] _hello = new byte[TlsRecordHeader.Length + TlsRecordHeader.MaxRecordLength];
    private int _helloLength;
    private bool _done;

    public TlsDecoder(FlowContext flow, IMailEventSink sink)
    {
        _flow = flow;
        _sink = sink;
    }

    public string Protocol => "tls";

    public DecodeResult Feed(Direction direction, ReadOnlySpan<byte> data, CaptureTime timestamp)
    {
        if (_done) return DecodeResult.Done();
        if (direction != Direction.ClientToServer || data.IsEmpty) return DecodeResult.NeedMore;
        int take = Math.Min(data.Length, _hello.Length - _helloLength);
        data[..take].CopyTo(_hello.AsSpan(_helloLength));
        _helloLength += take;
        var buffered = _hello.AsSpan(0, _helloLength);
        switch (TlsRecordHeader.Recognize(buffered))
        {
            case TlsRecognition.NeedMore:
                return DecodeResult.NeedMore;
            case TlsRecognition.NotTls:
                Report(timestamp, null);
                return DecodeResult.Done("client data is not a TLS record");
        }
        int recordEnd = TlsRecordHeader.Length + TlsRecordHeader.RecordLength(buffered);
        if (_helloLength < recordEnd) return DecodeResult.NeedMore;
        Report(timestamp, TlsClientHello.TryGetServerName(buffered[..recordEnd]));
        return DecodeResult.Done();
    }

    public DecodeResult Gap(Direction direction, long length, CaptureTime timestamp)
    {
        if (_done) return DecodeResult.Done();
        if (direction == Direction.ClientToServer)
        {
            Report(timestamp, null);
            return DecodeResult.Done();
        }
        return DecodeResult.NeedMore;
    }

    public void Finish(CaptureTime timestamp) => Report(timestamp, null);

    private void Report(CaptureTime ts, string? sni)
    {
        if (_done) return;
        _done = true;
        string? inner = _flow.Server.Port switch { 993 => "imap", 995 => "pop3", 465 => "smtp", _ => null };
        _sink.Emit(new TlsEvent(_flow.FlowId, ts, "implicit", inner) { Sni = sni });
    }
}
