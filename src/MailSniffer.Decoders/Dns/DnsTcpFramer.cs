namespace MailSniffer.Decoders.Dns;

/// <summary>Splits one direction of a DNS-over-TCP stream into messages; holds at most one message (64 KiB + 2).</summary>
internal sealed class DnsTcpFramer
{
    private readonly byte[] _buffer = new byte[2 + ushort.MaxValue];
    private int _length;

    public int Buffered => _length;

    /// <summary>Returns a whole message (valid until the next call) or false when more bytes are needed.</summary>
    public bool TryRead(ref ReadOnlySpan<byte> input, out ReadOnlySpan<byte> message)
    {
        message = default;
        if (_length < 2)
        {
            int n = Math.Min(2 - _length, input.Length);
            input[..n].CopyTo(_buffer.AsSpan(_length));
            _length += n;
            input = input[n..];
            if (_length < 2) return false;
        }
        int total = 2 + (_buffer[0] << 8 | _buffer[1]);
        int take = Math.Min(total - _length, input.Length);
        input[..take].CopyTo(_buffer.AsSpan(_length));
        _length += take;
        input = input[take..];
        if (_length < total) return false;
        message = _buffer.AsSpan(2, total - 2);
        _length = 0;
        return true;
    }
}
