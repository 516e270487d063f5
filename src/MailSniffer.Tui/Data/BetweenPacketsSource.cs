using System.Diagnostics;
using MailSniffer.Core.Capture;

namespace MailSniffer.Tui.Data;

/// <summary>
/// Wraps a packet source to run an action on the capture thread between two packets, at most once per interval: the
/// one place where the model may be touched while the engine is running (live capture: close answered DNS look-ups).
/// </summary>
public sealed class BetweenPacketsSource(IPacketSource inner, Action action, TimeSpan interval) : IPacketSource
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private TimeSpan _next;

    public IReadOnlyList<string> Warnings => inner.Warnings;
    public long BytesRead => inner.BytesRead;

    public bool TryReadNext(out RawPacket packet)
    {
        var now = _clock.Elapsed;
        if (now >= _next)
        {
            _next = now + interval;
            action();
        }
        return inner.TryReadNext(out packet);
    }

    public void Dispose() => inner.Dispose();
}
