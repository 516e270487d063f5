namespace MailSniffer.Analysis.Views.Export;

/// <summary>
/// Copies a message into an mboxrd file: every line matching ^&gt;*From  gets one more '&gt;', so that readers can
/// split messages on "From " lines and undo the quoting exactly. Streams; works across arbitrary chunk boundaries.
/// </summary>
internal sealed class MboxrdQuoter
{
    private static readonly byte[] From = "From "u8.ToArray();

    private readonly Stream _output;
    private bool _atLineStart = true;
    private int _pendingQuotes;
    private int _matched;

    public MboxrdQuoter(Stream output) => _output = output;

    public byte LastByte { get; private set; } = (byte)'\n';
    public long BytesIn { get; private set; }

    public void Write(ReadOnlySpan<byte> data)
    {
        BytesIn += data.Length;
        int runStart = 0;
        for (int i = 0; i < data.Length; i++)
        {
            byte b = data[i];
            if (!_atLineStart)
            {
                if (b == (byte)'\n') _atLineStart = true;
                continue;
            }
            // At a line start, hold back '>'* and a partial "From " until we know whether the line needs quoting.
            _output.Write(data[runStart..i]);
            runStart = i + 1;
            if (_matched == 0 && b == (byte)'>') { _pendingQuotes++; continue; }
            if (b == From[_matched])
            {
                if (++_matched < From.Length) continue;
                _output.WriteByte((byte)'>');
                FlushPending();
                _atLineStart = false;
                continue;
            }
            FlushPending();
            _atLineStart = b == (byte)'\n';
            runStart = i;
        }
        _output.Write(data[runStart..]);
        if (!data.IsEmpty) LastByte = data[^1];
    }

    /// <summary>The message ended: release anything held back.</summary>
    public void Finish() => FlushPending();

    private void FlushPending()
    {
        for (; _pendingQuotes > 0; _pendingQuotes--) _output.WriteByte((byte)'>');
        if (_matched > 0) _output.Write(From, 0, _matched);
        _matched = 0;
    }
}
