using MailSniffer.Core.Capture;
using MailSniffer.Decoders.Messages;

namespace MailSniffer.Decoders.Imap;

/// <summary>
/// One literal of a logical line. Its bytes go either into a <see cref="MessageContent"/> (message data, streamed, any size)
/// or into a small capture buffer (LOGIN strings and the like), never both, and never more than the caps.
/// </summary>
internal sealed class ImapLiteral
{
    public const int CaptureCap = 64 * 1024;

    private byte[]? _captured;
    private int _capturedLength;
    private readonly long _storeLimit;

    public ImapLiteral(long size, bool synchronizing, CaptureTime start, MessageContent? content, long storeLimit)
    {
        Size = size;
        Synchronizing = synchronizing;
        StartTs = start;
        Content = content;
        _storeLimit = storeLimit;
    }

    public long Size { get; }
    public bool Synchronizing { get; }
    public CaptureTime StartTs { get; }
    public CaptureTime? EndTs { get; private set; }
    public MessageContent? Content { get; }
    /// <summary>Bytes accounted for, received or lost in a gap.</summary>
    public long Consumed { get; private set; }
    /// <summary>A gap (or the end of the capture) took some of its bytes.</summary>
    public bool Cut { get; private set; }
    /// <summary>More bytes arrived than we were willing to store.</summary>
    public bool Capped { get; private set; }
    /// <summary>The client offered it but the server refused it (tagged NO/BAD before the "+"), so it never crossed.</summary>
    public bool Rejected { get; set; }

    public long Remaining => Size - Consumed;
    public bool IsComplete => Consumed == Size && !Cut && !Capped;

    public ReadOnlySpan<byte> Captured => _captured.AsSpan(0, _capturedLength);

    public void Append(ReadOnlySpan<byte> data, CaptureTime ts)
    {
        Consumed += data.Length;
        if (Consumed == Size) EndTs = ts;
        if (Cut) return;
        if (Content != null)
        {
            long room = _storeLimit - Content.Length;
            if (room <= 0) { Capped = true; return; }
            if (data.Length > room) { Capped = true; data = data[..(int)room]; }
            Content.Append(data);
            return;
        }
        int free = CaptureCap - _capturedLength;
        if (data.Length > free) { Capped = true; data = data[..free]; }
        if (data.IsEmpty) return;
        if (_captured == null || _capturedLength + data.Length > _captured.Length)
            Array.Resize(ref _captured, (int)Math.Min(CaptureCap, Math.Max(_capturedLength + data.Length, Math.Min(Size, 256))));
        data.CopyTo(_captured.AsSpan(_capturedLength));
        _capturedLength += data.Length;
    }

    /// <summary><paramref name="length"/> bytes of this literal were never captured: keep counting, stop storing.</summary>
    public void Skip(long length, CaptureTime ts)
    {
        Consumed += length;
        Cut = true;
        if (Consumed >= Size) EndTs = ts;
    }

    public void MarkCut() => Cut = true;

    /// <summary>A MessageEvent took ownership of <see cref="Content"/>.</summary>
    public bool Claimed { get; set; }
}
