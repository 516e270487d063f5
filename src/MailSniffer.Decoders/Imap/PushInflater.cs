using System.IO.Compression;

namespace MailSniffer.Decoders.Imap;

/// <summary>
/// Incremental raw-DEFLATE decoder for COMPRESS=DEFLATE (RFC 4978): bytes are pushed as they are captured and inflated
/// output is pulled as far as the input allows. System.IO.Compression's DeflateStream is pull-based; over a source that
/// returns only what has been pushed (0 when empty) it inflates exactly what is available and resumes later - checked
/// in PushInflaterTests (split at every byte gives the same output). That keeps us on the BCL's zlib instead of a
/// hand-written inflater. Output is handed out in 16 KiB blocks, so a decompression bomb costs time, not memory.
/// </summary>
internal sealed class PushInflater : IDisposable
{
    private readonly PendingBytesStream _source = new();
    private readonly DeflateStream _inflater;
    private readonly byte[] _out = new byte[16 * 1024];

    public PushInflater() => _inflater = new DeflateStream(_source, CompressionMode.Decompress, leaveOpen: true);

    /// <summary>The stream was corrupt; nothing more can be inflated.</summary>
    public bool Failed { get; private set; }
    public string? Error { get; private set; }

    /// <summary>Pushes <paramref name="compressed"/> and calls <paramref name="onOutput"/> for every inflated block.</summary>
    public void Push(ReadOnlySpan<byte> compressed, Action<ReadOnlySpan<byte>> onOutput)
    {
        if (Failed) return;
        _source.Append(compressed);
        try
        {
            int n;
            while ((n = _inflater.Read(_out, 0, _out.Length)) > 0) onOutput(_out.AsSpan(0, n));
        }
        catch (InvalidDataException e)
        {
            Failed = true;
            Error = e.Message;
        }
    }

    public void Dispose()
    {
        _inflater.Dispose();
        _source.Dispose();
    }

    /// <summary>A read-only stream over bytes pushed so far; Read returns 0 when it has nothing (not end of stream).</summary>
    private sealed class PendingBytesStream : Stream
    {
        private byte[] _buffer = new byte[4096];
        private int _start;
        private int _end;

        public void Append(ReadOnlySpan<byte> data)
        {
            if (_end + data.Length > _buffer.Length)
            {
                int live = _end - _start;
                var target = live + data.Length > _buffer.Length ? new byte[Math.Max(_buffer.Length * 2, live + data.Length)] : _buffer;
                Buffer.BlockCopy(_buffer, _start, target, 0, live);
                _buffer = target;
                _start = 0;
                _end = live;
            }
            data.CopyTo(_buffer.AsSpan(_end));
            _end += data.Length;
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            int n = Math.Min(buffer.Length, _end - _start);
            _buffer.AsSpan(_start, n).CopyTo(buffer);
            _start += n;
            if (_start == _end) _start = _end = 0;
            return n;
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
