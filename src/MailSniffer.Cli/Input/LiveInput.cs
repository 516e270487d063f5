using MailSniffer.Core.Capture;

namespace MailSniffer.Cli.Input;

/// <summary>A live source together with the pcapng file it copies packets into; disposing closes both, file last.</summary>
internal sealed class LiveInput(LiveCaptureSource live, PcapNgWriter? tee) : IPacketSource
{
    public LiveCaptureSource Live => live;
    public bool TryReadNext(out RawPacket packet) => live.TryReadNext(out packet);
    public IReadOnlyList<string> Warnings => live.Warnings;
    public long BytesRead => live.BytesRead;
    public void Stop() => live.Stop();

    public void Dispose()
    {
        live.Dispose();
        tee?.Dispose();
    }
}
