using MailSniffer.Core.Capture;
using MailSniffer.Core.Frames;

namespace MailSniffer.Benchmarks;

/// <summary>The loops being measured, shared by the BenchmarkDotNet benchmarks and the quick Stopwatch run.</summary>
internal static class CaptureThroughput
{
    public static long ReadOnly(string path)
    {
        using var source = CaptureFile.Open(path);
        long bytes = 0;
        while (source.TryReadNext(out var raw))
            bytes += raw.Data.Length;
        return bytes;
    }

    public static long ReadAndDecode(string path, bool verifyChecksums)
    {
        using var source = CaptureFile.Open(path);
        var decoder = new FrameDecoder(verifyChecksums);
        long payload = 0;
        var packet = new DecodedPacket();
        while (source.TryReadNext(out var raw))
        {
            if (decoder.Decode(raw, ref packet) == FrameDecodeResult.Ok)
                payload += packet.Payload.Length;
        }
        return payload;
    }
}
