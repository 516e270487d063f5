using System.Buffers;
using System.Text;
using MailSniffer.Decoders.Common;

namespace MailSniffer.Decoders.Tests.Common;

public sealed class LineFramerTests
{
    private static List<string> ReadAll(LineFramer framer, byte[] input, int pieceSize, List<LineStatus>? statuses = null)
    {
        var lines = new List<string>();
        for (int i = 0; i < input.Length; i += pieceSize)
        {
            ReadOnlySpan<byte> span = input.AsSpan(i, Math.Min(pieceSize, input.Length - i));
            while (true)
            {
                var status = framer.TryReadLine(ref span, out var line);
                if (status == LineStatus.NeedMore) break;
                statuses?.Add(status);
                if (status == LineStatus.Line) lines.Add(Encoding.ASCII.GetString(line));
            }
        }
        return lines;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(5)]
    [InlineData(1000)]
    public void Splits_crlf_and_lf_lines_however_the_input_is_cut(int pieceSize)
    {
        var input = Encoding.ASCII.GetBytes("EHLO a\r\nMAIL FROM:<x>\nempty next\r\n\r\nlast\r\npartial");
        var framer = new LineFramer();
        Assert.Equal(["EHLO a", "MAIL FROM:<x>", "empty next", "", "last"], ReadAll(framer, input, pieceSize));
        Assert.Equal("partial".Length, framer.PendingLength);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(64)]
    public void Over_long_line_is_reported_once_and_skipped(int pieceSize)
    {
        var input = Encoding.ASCII.GetBytes("ok\r\n" + new string('x', 100) + "\r\nafter\r\n");
        var framer = new LineFramer(maxLineLength: 32);
        var statuses = new List<LineStatus>();
        Assert.Equal(["ok", "after"], ReadAll(framer, input, pieceSize, statuses));
        Assert.Equal(1, statuses.Count(s => s == LineStatus.Overflow));
        Assert.InRange(framer.PendingLength, 0, 32);
    }

    [Fact]
    public void Take_raw_returns_buffered_bytes_first()
    {
        var framer = new LineFramer();
        ReadOnlySpan<byte> span = "BDAT 5\r\nab"u8;
        Assert.Equal(LineStatus.Line, framer.TryReadLine(ref span, out _));
        // "ab" stays in the caller's span; buffer a partial line to check the buffered path too.
        Assert.Equal(LineStatus.NeedMore, framer.TryReadLine(ref span, out _));
        var writer = new ArrayBufferWriter<byte>();
        ReadOnlySpan<byte> more = "cdeREST"u8;
        long taken = framer.TakeRaw(ref more, 5, writer);
        Assert.Equal(5, taken);
        Assert.Equal("abcde", Encoding.ASCII.GetString(writer.WrittenSpan));
        Assert.Equal("REST", Encoding.ASCII.GetString(more));
    }
}
