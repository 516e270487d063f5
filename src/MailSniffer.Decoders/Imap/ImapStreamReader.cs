using MailSniffer.Core.Capture;
using MailSniffer.Core.Flows;
using MailSniffer.Decoders.Common;

namespace MailSniffer.Decoders.Imap;

/// <summary>
/// One direction of an IMAP connection: frames lines, follows literal counts (never looking for lines inside a literal),
/// assembles logical lines and hands them to the decoder. After a gap it resynchronises on the next line that looks
/// like the start of a command or response.
/// </summary>
internal sealed class ImapStreamReader
{
    private readonly Direction _direction;
    private readonly IImapLineHandler _handler;
    private readonly LineFramer _framer = new();
    private ImapLine? _line;
    private ImapLiteral? _literal;
    private bool _resync;
    private bool _paused;
    // Literal bytes go to the current literal with the current segment's time. One delegate for the reader's life: a
    // lambda capturing both, made per segment, was the decoder thread's largest allocation after message contents.
    private readonly Action<ReadOnlySpan<byte>> _appendToLiteral;
    private ImapLiteral? _appendTarget;
    private CaptureTime _literalTs;

    public ImapStreamReader(Direction direction, IImapLineHandler handler)
    {
        _direction = direction;
        _handler = handler;
        _appendToLiteral = data => _appendTarget!.Append(data, _literalTs);
    }

    public ImapLine? CurrentLine => _line;
    public ImapLiteral? CurrentLiteral => _literal;

    /// <summary>Stop after the current line so the decoder can look at the raw bytes that follow (STARTTLS, COMPRESS).</summary>
    public void Pause() => _paused = true;

    /// <summary>Consumes <paramref name="input"/> until it is empty or the decoder paused the reader.</summary>
    public void Feed(ref ReadOnlySpan<byte> input, CaptureTime ts)
    {
        _paused = false;
        while (!input.IsEmpty && !_paused)
        {
            if (_literal != null)
            {
                var lit = _literal;
                (_appendTarget, _literalTs) = (lit, ts);
                _framer.TakeRaw(ref input, lit.Remaining, null, _appendToLiteral);
                _appendTarget = null;
                if (lit.Remaining == 0) _literal = null;
                continue;
            }

            var status = _framer.TryReadLine(ref input, out var fragment);
            if (status == LineStatus.NeedMore) break;
            if (status == LineStatus.Overflow)
            {
                _handler.OnAnomaly($"line longer than {_framer.MaxLineLength} bytes ({_direction.ToShortString()}); resynchronising", ts);
                BreakLine(ts);
                _resync = true;
                continue;
            }
            if (_resync)
            {
                bool start = _direction == Direction.ClientToServer ? ImapSyntax.LooksLikeCommand(fragment) : ImapSyntax.LooksLikeResponse(fragment);
                if (!start) continue;
                _resync = false;
            }
            OnFragment(fragment, ts);
        }
    }

    private void OnFragment(ReadOnlySpan<byte> fragment, CaptureTime ts)
    {
        _line ??= new ImapLine(ts);
        _line.AppendFragment(fragment);
        switch (ImapLiteralMarker.TryParse(fragment, out long size, out bool sync))
        {
            case ImapLiteralMarker.Result.Literal when _line.Literals.Count < ImapLine.MaxLiterals:
                var lit = _handler.OnLiteralStart(_direction, _line, size, sync, ts);
                _line.AddLiteral(lit);
                if (size > 0) _literal = lit;
                return;
            case ImapLiteralMarker.Result.Literal:
                _handler.OnAnomaly($"more than {ImapLine.MaxLiterals} literals in one line; resynchronising", ts);
                BreakLine(ts);
                _resync = true;
                return;
            case ImapLiteralMarker.Result.Invalid:
                _handler.OnAnomaly("literal size out of range; resynchronising", ts);
                BreakLine(ts);
                _resync = true;
                return;
        }
        var line = _line;
        _line = null;
        _handler.OnLine(_direction, line, ts);
    }

    /// <summary>
    /// Bytes were lost. Inside a literal the count still tells where it ends, so we stay in sync; elsewhere we resync.
    /// Returns true when the gap fell entirely inside a literal.
    /// </summary>
    public bool Gap(long length, CaptureTime ts)
    {
        if (_literal != null && length <= _literal.Remaining)
        {
            // Bytes held by the framer belong to the literal too; they come before the gap.
            var lit = _literal;
            ReadOnlySpan<byte> none = default;
            (_appendTarget, _literalTs) = (lit, ts);
            _framer.TakeRaw(ref none, lit.Remaining, null, _appendToLiteral);
            _appendTarget = null;
            lit.Skip(length, ts);
            if (lit.Remaining == 0) _literal = null;
            return true;
        }
        if (_literal != null) _literal.Skip(_literal.Remaining, ts);
        _literal = null;
        BreakLine(ts);
        _framer.Reset();
        _resync = true;
        return false;
    }

    /// <summary>The stream ended: an unfinished line is delivered as broken.</summary>
    public void Finish(CaptureTime ts)
    {
        if (_literal != null) _literal.MarkCut();
        _literal = null;
        BreakLine(ts);
    }

    /// <summary>The server refused a synchronising literal before the client sent it: the command ends at the marker.</summary>
    public void CancelLiteral(CaptureTime ts)
    {
        if (_literal == null || _line == null) return;
        _literal.Rejected = true;
        _literal = null;
        var line = _line;
        _line = null;
        _handler.OnLine(_direction, line, ts);
    }

    private void BreakLine(CaptureTime ts)
    {
        if (_line == null) return;
        var line = _line;
        _line = null;
        line.Broken = true;
        _handler.OnLine(_direction, line, ts);
    }
}
