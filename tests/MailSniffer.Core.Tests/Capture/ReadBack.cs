using MailSniffer.Core.Capture;

namespace MailSniffer.Core.Tests.Capture;

/// <summary>A packet copied out of a source (RawPacket is only valid until the next read).</summary>
internal sealed record ReadPacket(byte[] Data, long UnixNanoseconds, LinkType LinkType, int OriginalLength, int InterfaceId);

internal static class ReadBack
{
    public static List<ReadPacket> All(IPacketSource source)
    {
        var list = new List<ReadPacket>();
        while (source.TryReadNext(out var p))
            list.Add(new ReadPacket(p.Data.ToArray(), p.Timestamp.UnixNanoseconds, p.LinkType, p.OriginalLength, p.InterfaceId));
        return list;
    }

    public static List<ReadPacket> All(string path)
    {
        using var source = CaptureFile.Open(path);
        return All(source);
    }
}
