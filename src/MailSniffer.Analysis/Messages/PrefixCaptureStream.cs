namespace MailSniffer.Analysis.Messages;

/// <summary>A write-only stream that keeps the first bytes written and discards the rest (for previews of huge bodies).</summary>
internal sealed class PrefixCaptureStream : Stream
{
    private readonly byte[] _prefix;
    private int _kept;

    public PrefixCaptureStream(int capacity) => _prefix = new byte[capacity];

    public ReadOnlySpan<byte> Prefix => _prefix.AsSpan(0, _kept);

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        int n = Math.Min(buffer.Length, _prefix.Length - _kept);
        buffer[..n].CopyTo(_prefix.AsSpan(_kept));
        _kept += n;
    }

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => _kept;
    public override long Position { get => _kept; set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
}
