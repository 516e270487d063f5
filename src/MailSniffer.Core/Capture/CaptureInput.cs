using Microsoft.Win32.SafeHandles;

namespace MailSniffer.Core.Capture;

/// <summary>
/// Buffered sequential input for the capture readers: one large reused buffer, refilled by moving the unread tail to
/// the front, so a record is always contiguous and no per-packet allocation happens. The buffer grows only when a
/// single record is larger than it.
/// </summary>
internal sealed class CaptureInput : IDisposable
{
    public const int DefaultBufferSize = 4 << 20;

    private readonly SafeFileHandle? _handle;
    private readonly Stream? _stream;
    private readonly bool _ownsSource;
    private byte[] _buffer;
    private int _pos;
    private int _end;
    private long _bufferFileOffset;
    private long _readOffset;
    private bool _eof;

    public CaptureInput(SafeFileHandle handle, int bufferSize = DefaultBufferSize)
    {
        _handle = handle;
        _ownsSource = true;
        _buffer = new byte[SizeFor(RandomAccess.GetLength(handle), bufferSize)];
    }

    public CaptureInput(Stream stream, bool ownsStream, int bufferSize = DefaultBufferSize)
    {
        _stream = stream;
        _ownsSource = ownsStream;
        _buffer = new byte[stream.CanSeek ? SizeFor(stream.Length - stream.Position, bufferSize) : bufferSize];
    }

    /// <summary>A small file gets a small buffer: opening many small captures should not zero 4 MiB each time.</summary>
    private static int SizeFor(long length, int bufferSize) =>
        length <= 0 ? bufferSize : (int)Math.Clamp(length + 1, Math.Min(4096, bufferSize), bufferSize);

    public static CaptureInput OpenFile(string path, int bufferSize = DefaultBufferSize) =>
        new(File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, FileOptions.SequentialScan), bufferSize);

    /// <summary>File offset of the next unread byte.</summary>
    public long Position => _bufferFileOffset + _pos;

    public int Available => _end - _pos;

    /// <summary>The source has no more bytes than those in the buffer (asking for more would only move them again).</summary>
    public bool EndReached => _eof;

    /// <summary>The next <paramref name="count"/> unread bytes, which must be available (see <see cref="Ensure"/>).</summary>
    public ReadOnlySpan<byte> Peek(int count) => new(_buffer, _pos, count);

    public ReadOnlySpan<byte> Peek(int offset, int count) => new(_buffer, _pos + offset, count);

    public void Advance(int count) => _pos += count;

    /// <summary>Makes <paramref name="count"/> bytes available; false at end of input with fewer left.</summary>
    public bool Ensure(int count) => _end - _pos >= count || Refill(count);

    private bool Refill(int count)
    {
        if (_pos > 0)
        {
            int tail = _end - _pos;
            Buffer.BlockCopy(_buffer, _pos, _buffer, 0, tail);
            _bufferFileOffset += _pos;
            _end = tail;
            _pos = 0;
        }
        if (count > _buffer.Length)
            Array.Resize(ref _buffer, Math.Max(count, _buffer.Length * 2));
        while (_end < count && !_eof)
        {
            int n = Read(_buffer.AsSpan(_end));
            if (n <= 0)
                _eof = true;
            else
                _end += n;
        }
        return _end >= count;
    }

    private int Read(Span<byte> into)
    {
        if (_handle is not null)
        {
            int n = RandomAccess.Read(_handle, into, _readOffset);
            _readOffset += n;
            return n;
        }
        return _stream!.Read(into);
    }

    public void Dispose()
    {
        if (!_ownsSource)
            return;
        _handle?.Dispose();
        _stream?.Dispose();
    }
}
