using ARSoft.Tools.Net.Dns;
using MailSniffer.Core.Capture;
using MailSniffer.Decoders.Events;

namespace MailSniffer.Decoders.Dns;

/// <summary>
/// Turns one DNS message (from UDP or from a TCP frame) into events. Parsing is ARSoft.Tools.Net's; we measured it on
/// hostile input (compression pointer loops, lengths past the end, empty and random bytes: see DnsHostileTests) and it
/// fails fast with an exception, never hangs, so the call is wrapped rather than pre-validated.
/// </summary>
internal sealed class DnsMessageProcessor
{
    public const int HeaderLength = 12;

    private readonly long _flow;
    private readonly IMailEventSink _sink;
    private readonly DnsPendingQueries _pending = new();

    public DnsMessageProcessor(long flow, IMailEventSink sink)
    {
        _flow = flow;
        _sink = sink;
    }

    /// <summary>Emits the message's events; returns null on success or why it could not be read.</summary>
    public string? Process(ReadOnlySpan<byte> wire, CaptureTime ts)
    {
        if (wire.Length < HeaderLength) return $"DNS message of {wire.Length} bytes is shorter than the 12-byte header";
        if (!TryParse(wire, out var message, out var error)) return error;
        int id = message.TransactionID;
        if (message.IsQuery)
        {
            _pending.Add(id, ts);
            foreach (var q in message.Questions)
                _sink.Emit(new DnsQueryEvent(_flow, ts, id, DnsRendering.Name(q.Name), DnsRendering.TypeName(q.RecordType)));
            return null;
        }

        var queryTs = _pending.Take(id);
        string rcode = DnsRendering.RcodeName(message.ReturnCode);
        string qname = message.Questions.Count > 0 ? DnsRendering.Name(message.Questions[0].Name) : "";
        if (message.AnswerRecords.Count == 0)
            _sink.Emit(new DnsAnswerEvent(_flow, ts, id, qname, null, null, rcode) { QueryTs = queryTs });
        Emit(message.AnswerRecords, "answer", id, rcode, ts, queryTs);
        Emit(message.AuthorityRecords, "authority", id, rcode, ts, queryTs);
        Emit(message.AdditionalRecords, "additional", id, rcode, ts, queryTs);
        return null;
    }

    private void Emit(List<DnsRecordBase> records, string section, int id, string rcode, CaptureTime ts, CaptureTime? queryTs)
    {
        foreach (var r in records)
        {
            // The EDNS OPT pseudo-record is transport metadata, not data about a name.
            if (r.RecordType == RecordType.Opt) continue;
            _sink.Emit(new DnsAnswerEvent(_flow, ts, id, DnsRendering.Name(r.Name), DnsRendering.TypeName(r.RecordType),
                DnsRendering.Data(r), rcode, r.TimeToLive, section) { QueryTs = queryTs });
        }
    }

    internal static bool TryParse(ReadOnlySpan<byte> wire, out DnsMessage message, out string? error)
    {
        try
        {
            message = DnsMessage.Parse(new ArraySegment<byte>(wire.ToArray()));
            error = null;
            return true;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // ARSoft reports bad wire data with whatever exception the failing read throws (FormatException,
            // ArgumentOutOfRangeException, IndexOutOfRange...), so every exception here means "not a valid message".
            message = null!;
            error = $"malformed DNS message: {e.GetType().Name}";
            return false;
        }
    }
}
