using System.Buffers;

namespace MailSniffer.Decoders.Common;

/// <summary>
/// Splits one direction of a stream into lines, incrementally: bytes arrive in arbitrary pieces; a line is returned only
/// once its LF has arrived. Lines longer than <see cref="MaxLineLength"/> are not buffered whole: the framer reports
/// overflow once and discards until the next LF, so a 50 MB line without CRLF costs at most MaxLineLength of memory.
/// Callers that switch to counted raw data (BDAT chunks, IMAP literals) call <see cref="TakeRaw"/> instead.
/// </summary>
public sealed class LineFramer
{
    public const int DefaultMaxLineLength = 64 * 1024;

    private byte[] _pending = Array.Empty<byte>();
    private int _pendingLength;
    private bool _discarding;

    public LineFramer(int maxLineLength = DefaultMaxLineLength) => MaxLineLength = maxLineLength;

    public int MaxLineLength { get; }

    /// <summary>Bytes held for an unfinished line.</summary>
    public int PendingLength => _pendingLength;

    /// <summary>
    /// Tries to take the next complete line from the buffered bytes plus <paramref name="input"/>, advancing
    /// <paramref name="input"/> past what was consumed. The line excludes its CRLF/LF. Returns <see cref="LineStatus.NeedMore"/>
    /// when input is exhausted without a LF (the partial line is kept), <see cref="LineStatus.Overflow"/> once per over-long line.
    /// The returned span is valid until the next call.
    /// </summary>
    public LineStatus TryReadLine(ref ReadOnlySpan<byte> input, out ReadOnlySpan<byte> line)
    {
        line = default;
        int lf = input.IndexOf((byte)'\n');
        if (_discarding)
        {
            if (lf < 0) { input = default; return LineStatus.NeedMore; }
            input = input[(lf + 1)..];
            _discarding = false;
            lf = input.IndexOf((byte)'\n');
        }

        if (lf < 0)
        {
            if (_pendingLength + input.Length > MaxLineLength)
            {
                _pendingLength = 0;
                _discarding = true;
                input = default;
                return LineStatus.Overflow;
            }
            Append(input);
            input = default;
            return LineStatus.NeedMore;
        }

        if (_pendingLength + lf > MaxLineLength)
        {
            _pendingLength = 0;
            input = input[(lf + 1)..];
            return LineStatus.Overflow;
        }

        if (_pendingLength == 0)
        {
            // Fast path: the whole line is inside the caller's span, no copy.
            line = TrimCr(input[..lf]);
            input = input[(lf + 1)..];
            return LineStatus.Line;
        }

        Append(input[..lf]);
        input = input[(lf + 1)..];
        line = TrimCr(_pending.AsSpan(0, _pendingLength));
        _pendingLength = 0;
        return LineStatus.Line;
    }

    /// <summary>
    /// Takes up to <paramref name="count"/> bytes verbatim (buffered partial-line bytes first), for counted data.
    /// Returns how many were taken via <paramref name="taken"/>; the data is written to <paramref name="sink"/>.
    /// </summary>
    public long TakeRaw(ref ReadOnlySpan<byte> input, long count, IBufferWriter<byte>? sink, Action<ReadOnlySpan<byte>>? onBytes = null)
    {
        long taken = 0;
        if (_pendingLength > 0 && count > 0)
        {
            int n = (int)Math.Min(_pendingLength, count);
            Emit(_pending.AsSpan(0, n), sink, onBytes);
            Buffer.BlockCopy(_pending, n, _pending, 0, _pendingLength - n);
            _pendingLength -= n;
            taken += n;
            count -= n;
        }
        if (count > 0 && input.Length > 0)
        {
            int n = (int)Math.Min(input.Length, count);
            Emit(input[..n], sink, onBytes);
            input = input[n..];
            taken += n;
        }
        return taken;
    }

    /// <summary>Forgets buffered bytes (after a gap: what was pending can no longer be trusted).</summary>
    public void Reset()
    {
        _pendingLength = 0;
        _discarding = false;
    }

    private static void Emit(ReadOnlySpan<byte> data, IBufferWriter<byte>? sink, Action<ReadOnlySpan<byte>>? onBytes)
    {
        if (sink != null) sink.Write(data);
        onBytes?.Invoke(data);
    }

    private void Append(ReadOnlySpan<byte> data)
    {
        if (_pendingLength + data.Length > _pending.Length)
            Array.Resize(ref _pending, Math.Max(_pendingLength + data.Length, Math.Max(256, _pending.Length * 2)));
        data.CopyTo(_pending.AsSpan(_pendingLength));
        _pendingLength += data.Length;
    }

    private static ReadOnlySpan<byte> TrimCr(ReadOnlySpan<byte> s) => s.Length > 0 && s[^1] == (byte)'\r' ? s[..^1] : s;
}

public enum LineStatus : byte
{
    NeedMore,
    Line,
    Overflow,
}
