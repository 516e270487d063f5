using System.Buffers;
using MailSniffer.Core.Capture;

namespace MailSniffer.Decoders.Common;

/// <summary>
/// One direction's input parked until the other side decides how to read it (SMTP client data sent after DATA before the
/// 354/503 arrives). Keeps byte runs and gaps in order so that replaying them gives what feeding them directly would have.
/// Consecutive runs with the same timestamp share one buffer, so input fed a byte at a time costs no per-byte objects.
/// </summary>
public sealed class HeldInput
{
    private List<HeldItem> _items = new();

    public long Length { get; private set; }

    public bool IsEmpty => _items.Count == 0;

    public void Add(ReadOnlySpan<byte> data, CaptureTime ts)
    {
        if (data.IsEmpty) return;
        var last = _items.Count > 0 ? _items[^1] : null;
        if (last?.Data == null || last.Ts != ts)
        {
            last = new HeldItem(new ArrayBufferWriter<byte>(Math.Max(256, data.Length)), 0, ts);
            _items.Add(last);
        }
        last.Data!.Write(data);
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
