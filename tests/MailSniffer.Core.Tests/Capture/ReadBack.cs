using MailSniffer.Core.Capture;

namespace MailSniffer.Core.Tests.Capture;

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
