using MailSniffer.Core.Capture;

namespace MailSniffer.Decoders.Common;

/// <summary>
/// One direction's input parked until the other side decides how to read it (SMTP client data sent after DATA before the
/// 354/503 arrives). Keeps byte runs and gaps in order so that replaying them gives what feeding them directly would have.
/// </summary>
public sealed class HeldInput
{
    private List<HeldItem> _items = new();

    public long Length { get; private set; }

    public bool IsEmpty => _items.Count == 0;

    public void Add(ReadOnlySpan<byte> data, CaptureTime ts)
    {
        if (data.IsEmpty) return;
        _items.Add(new HeldItem(data.ToArray(), 0, ts));
        Length += data.Length;
    }

    public void AddGap(long length, CaptureTime ts) => _items.Add(new HeldItem(null, length, ts));

    /// <summary>Hands over everything held and starts empty again (replaying may hold anew).</summary>
    public List<HeldItem> TakeAll()
    {
        var items = _items;
        _items = new List<HeldItem>();
        Length = 0;
        return items;
    }
}
