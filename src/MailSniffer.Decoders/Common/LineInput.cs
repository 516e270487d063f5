using MailSniffer.Core.Capture;
using MailSniffer.Core.Flows;
using MailSniffer.Decoders.Tls;

namespace MailSniffer.Decoders.Common;

/// <summary>
/// One direction of a line protocol that may upgrade to TLS (SMTP, POP3): frames lines, reports over-long ones, and while
/// the <see cref="StartTlsWatch"/> watches this direction lets it judge the first bytes before they are read as a line.
/// </summary>
public sealed class LineInput(Direction direction, int maxLineLength, StartTlsWatch tls, AnomalyLimiter anomalies)
{
    private readonly LineFramer _framer = new(maxLineLength);

    /// <summary>Bytes held for an unfinished line.</summary>
    public int PendingLength => _framer.PendingLength;

    /// <summary>
    /// Takes the next line (valid until the next call) from <paramref name="data"/>, advancing it past what was consumed.
    /// <see cref="LineRead.NeedMore"/> means <paramref name="data"/> is used up.
    /// </summary>
    public LineRead Read(ref ReadOnlySpan<byte> data, CaptureTime ts, out ReadOnlySpan<byte> line)
    {
        if (tls.IsWatching(direction))
        {
            var verdict = tls.Sniff(direction, ref data, out var plain);
            if (verdict != TlsSniffResult.Plain)
            {
                line = default;
                return verdict == TlsSniffResult.Tls ? LineRead.Tls : LineRead.NeedMore;
            }
            // The sniffed bytes start the next line. Only their last byte can be a LF (any byte outside a TLS header
            // decides), so one call frames them all; they stand in for the input meanwhile (a span the caller owns).
            var rest = data;
            data = plain;
            var read = Frame(ref data, ts, out line);
            data = rest;
            if (read != LineRead.NeedMore) return read;
        }
        return Frame(ref data, ts, out line);
    }

    /// <summary>Forgets a partial line (its end was lost).</summary>
    public void Reset() => _framer.Reset();

    /// <summary>After a gap: forgets the partial line, and the bytes that follow are no longer the first after an upgrade.</summary>
    public void LoseSync()
    {
        _framer.Reset();
        tls.Forget(direction);
    }

    private LineRead Frame(ref ReadOnlySpan<byte> data, CaptureTime ts, out ReadOnlySpan<byte> line)
    {
        var status = _framer.TryReadLine(ref data, out line);
        if (status == LineStatus.Line) return LineRead.Line;
        if (status == LineStatus.NeedMore) return LineRead.NeedMore;
        anomalies.Report(ts, $"{(direction == Direction.ClientToServer ? "client" : "server")} line longer than {_framer.MaxLineLength} bytes");
        return LineRead.Overflow;
    }
}
