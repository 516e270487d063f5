namespace MailSniffer.Decoders.Messages;

/// <summary>A read-only, seekable view of a <see cref="MessageContent"/> held in chunks (MimeKit seeks to parts' ranges).</summary>
public sealed class ChunkedContentStream : Stream
{
    private readonly MessageContent _content;
    private readonly long _length;
    private readonly int _firstLength;
    private long _position;

    public ChunkedContentStream(MessageContent content)
    {
        _content = content;
        _length = content.Length;
        _firstLength = content.ChunkLength(0);
    }

    public override bool CanRead => true;
    public override bool CanSeek => true;
    public override bool CanWrite => false;
    public override long Length => _length;

    public override long Position
    {
        get => _position;
        set => _position = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(value));
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        int total = 0;
        while (!buffer.IsEmpty && _position < _length)
        {
            var segment = SegmentAt(_position);
            int n = Math.Min(segment.Length, buffer.Length);
            segment[..n].CopyTo(buffer);
            buffer = buffer[n..];
            _position += n;
            total += n;
        }
        return total;
    }

    /// <summary>
    /// The bytes from <paramref name="position"/> to the end of the chunk holding it (empty at or past the end), read in
    /// place: a consumer that transforms the bytes anyway (a base64 decoder) is spared copying them out first. The span
    /// is valid until the content is disposed. Does not move <see cref="Position"/>.
    /// </summary>
    public ReadOnlySpan<byte> SegmentAt(long position)
    {
        if (position < 0 || position >= _length) return ReadOnlySpan<byte>.Empty;
        int index, offset;
        if (position < _firstLength) (index, offset) = (0, (int)position);
        else
        {
            long beyond = position - _firstLength;
            (index, offset) = (1 + (int)(beyond / MessageContent.ChunkSize), (int)(beyond % MessageContent.ChunkSize));
        }
        int n = (int)Math.Min(_content.ChunkLength(index) - offset, _length - position);
        return _content.Chunk(index).AsSpan(offset, n);
    }

    public override int ReadByte()
    {
        Span<byte> one = stackalloc byte[1];
        return Read(one) == 1 ? one[0] : -1;
    }

    public override long Seek(long offset, SeekOrigin origin)
    {
        long target = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => _position + offset,
            SeekOrigin.End => _length + offset,
            _ => throw new ArgumentOutOfRangeException(nameof(origin)),
        };
        Position = target;
        return _position;
    }

    public override void Flush() { }
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
