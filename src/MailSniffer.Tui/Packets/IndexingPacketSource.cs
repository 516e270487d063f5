using MailSniffer.Core.Capture;
using MailSniffer.Core.Flows;
using MailSniffer.Core.Frames;

namespace MailSniffer.Tui.Packets;

/// <summary>
/// Passes every frame through unchanged and tells a <see cref="IPacketStore"/> which connection it belongs to, so the
/// engine and the analysis need no change. Frames are numbered from 1 in read order, as tshark numbers them.
/// </summary>
public sealed class IndexingPacketSource : IPacketSource
{
    private readonly IPacketSource _inner;
    private readonly IPacketStore _store;
    // Checksums are the engine's business; here only the addresses and ports matter.
    private readonly FrameDecoder _decoder = new(verifyTransportChecksums: false);
    private long _number;

    public IndexingPacketSource(IPacketSource inner, IPacketStore store)
    {
        _inner = inner;
        _store = store;
    }

    public IReadOnlyList<string> Warnings => _inner.Warnings;
    public long BytesRead => _inner.BytesRead;

    public bool TryReadNext(out RawPacket packet)
    {
        if (!_inner.TryReadNext(out packet)) return false;
        _number++;
        Index(packet);
        return true;
    }

    private void Index(in RawPacket raw)
    {
        var decoded = new DecodedPacket();
        if (_decoder.Decode(raw, ref decoded) != FrameDecodeResult.Ok) return;
        var key = FlowKey.Create(decoded.Transport, decoded.Source, decoded.SourcePort, decoded.Destination, decoded.DestinationPort, out _);
        _store.Record(_number, raw, key);
    }

    public void Dispose() => _inner.Dispose();
}
