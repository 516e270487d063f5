using MailSniffer.Core.Capture;
using MailSniffer.Core.Engine;
using MailSniffer.Core.Tests.Tcp;
using MailSniffer.TestSupport;

namespace MailSniffer.Core.Tests.Engine;

/// <summary>Turns a <see cref="TcpScript"/> into real frames (built with PacketDotNet), writes them to a capture file,
/// and runs the whole engine (managed reader → frame decoder → reassembler) over it.</summary>
public static class ScriptCapture
{
    public static List<(CaptureTime, byte[])> Frames(TcpScript t, Func<byte[], IEnumerable<byte[]>> encapsulate)
    {
        var frames = new List<(CaptureTime, byte[])>();
        foreach (var s in t.Segments)
        {
            var ip = TestPackets.TcpIp(
                (s.FromClient ? t.ClientIp : t.ServerIp).ToString(), s.FromClient ? t.ClientPort : t.ServerPort,
                (s.FromClient ? t.ServerIp : t.ClientIp).ToString(), s.FromClient ? t.ServerPort : t.ClientPort,
                s.Seq, s.Ack, s.Flags, s.Payload, ipId: (ushort)(frames.Count + 1));
            foreach (var f in encapsulate(ip)) frames.Add((new CaptureTime(s.TimeUs * 1000), f));
        }
        return frames;
    }

    public static RecordingSink Run(TcpScript t, CaptureFileFormat format, LinkType link, Func<byte[], IEnumerable<byte[]>> encapsulate,
        int snapLength = 262144) =>
        RunFrames(Frames(t, encapsulate), format, link, snapLength);

    public static RecordingSink RunFrames(IEnumerable<(CaptureTime, byte[])> frames, CaptureFileFormat format, LinkType link, int snapLength = 262144)
    {
        string path = TestCaptureFile.TempPath(format);
        try
        {
            TestCaptureFile.Write(path, format, link, frames, snapLength);
            var sink = new RecordingSink();
            using var source = CaptureFile.Open(path);
            var engine = new CaptureEngine(source, sink);
            engine.Run();
            Assert.Empty(source.Warnings);
            return sink;
        }
        finally
        {
            File.Delete(path);
        }
    }

    public static IEnumerable<byte[]> Ethernet(byte[] ip) => new[] { TestPackets.Ethernet(ip) };
}
