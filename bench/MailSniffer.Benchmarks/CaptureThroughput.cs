using MailSniffer.Core.Capture;
using MailSniffer.Core.Engine;
using MailSniffer.Core.Flows;
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

    /// <summary>The capture stage end to end (read, frame decode with checksums, TCP reassembly) into a sink that only counts.</summary>
    public static long Engine(string path)
    {
        using var source = CaptureFile.Open(path);
        var sink = new CountingSink();
        new CaptureEngine(source, sink).Run();
        return sink.Bytes;
    }

    private sealed class CountingSink : IStreamSink
    {
        public long Bytes;
        public void FlowStarted(FlowInfo flow) { }
        public void StreamData(FlowInfo flow, Direction direction, ReadOnlySpan<byte> data, CaptureTime timestamp) => Bytes += data.Length;
        public void StreamGap(FlowInfo flow, Direction direction, long length, CaptureTime timestamp) { }
        public void Datagram(FlowInfo flow, Direction direction, ReadOnlySpan<byte> payload, CaptureTime timestamp) => Bytes += payload.Length;
        public void FlowEnded(FlowInfo flow) { }
    }
}
