using MailSniffer.Decoders.Messages;

namespace MailSniffer.Decoders.Common;

/// <summary>
/// Reads a dot-stuffed body (SMTP DATA, POP3 RETR/TOP) incrementally into a <see cref="MessageContent"/>: leading dots are
/// unstuffed and the body ends at a line holding a lone "." (the CRLF before that line belongs to the message).
/// Bytes are appended in runs found with vectorised searches for "\n." so that bulk data is never handled line by line.
/// </summary>
public sealed class DotStuffedBodyReader
{
    private static readonly byte[] LineStartDot = "\n."u8.ToArray();
    private static readonly byte[] Cr = "\r"u8.ToArray();

    private State _state = State.LineStart;

    /// <summary>
    /// Consumes body bytes from <paramref name="input"/> into <paramref name="target"/> (null: discard). Returns true once the
    /// terminator line has been consumed; <paramref name="input"/> is advanced past everything consumed.
    /// </summary>
    public bool Read(ref ReadOnlySpan<byte> input, MessageContent? target)
    {
        var data = input;
        int i = 0;
        int runStart = 0;
        while (i < data.Length)
        {
            switch (_state)
            {
                case State.Mid:
                {
                    int k = data[i..].IndexOf(LineStartDot);
                    if (k < 0)
                    {
                        // No "\n." here; a trailing LF still means the next span starts a line.
                        _state = data[^1] == (byte)'\n' ? State.LineStart : State.Mid;
                        i = data.Length;
                        break;
                    }
                    i += k + 1;
                    _state = State.LineStart;
                    break;
                }
                case State.LineStart:
                    if (data[i] != (byte)'.') { _state = State.Mid; break; }
                    target?.Append(data[runStart..i]);
                    i++;
                    runStart = i;
                    _state = State.Dot;
                    break;
                case State.Dot:
                    if (data[i] == (byte)'\n') return Terminate(ref input, i + 1);
                    if (data[i] == (byte)'\r') { i++; runStart = i; _state = State.DotCr; break; }
                    // A stuffed dot: it was dropped; what follows is content.
                    _state = State.Mid;
                    break;
                case State.DotCr:
                    if (data[i] == (byte)'\n') return Terminate(ref input, i + 1);
                    // ".\r" not followed by LF is malformed; keep the CR, drop the dot (RFC 5321 4.5.2).
                    target?.Append(Cr);
                    _state = State.Mid;
                    break;
            }
        }
        target?.Append(data[runStart..]);
        input = default;
        return false;
    }

    /// <summary>After a gap the position inside the line is unknown: assume mid-line so a stray dot is not taken as the end.</summary>
    public void LoseLineSync() => _state = State.Mid;

    private bool Terminate(ref ReadOnlySpan<byte> input, int consumed)
    {
        input = input[consumed..];
        _state = State.LineStart;
        return true;
    }

    private enum State : byte
    {
        Mid,
        LineStart,
        Dot,
        DotCr,
    }
}
