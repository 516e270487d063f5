using MailSniffer.Analysis;
using MailSniffer.Analysis.Pipeline;
using MailSniffer.Analysis.Views.Json;
using MailSniffer.Core.Capture;
using MailSniffer.Core.Engine;
using MailSniffer.Decoders;
using MailSniffer.Decoders.Events;
using MailSniffer.Decoders.Pipeline;

namespace MailSniffer.Benchmarks;

/// <summary>
/// The stages of `read --json`, measured in-process so each one's share can be told apart: engine + decoders only,
/// then the whole pipeline (model, MimeKit, JSON) into a counting stream, single-threaded and two-stage.
/// </summary>
internal static class ReadPipelineThroughput
{
    /// <summary>Engine and decoders; events are counted and message contents dropped, as the model would.</summary>
    public static long Decoders(string path)
    {
        using var source = CaptureFile.Open(path);
        var events = new CountingEventSink();
        new CaptureEngine(source, new DecodingStreamSink(events, DecoderRegistry.CreateDefault())).Run();
        return events.Messages;
    }

    /// <summary>The whole of `read --json`; returns the JSON byte count (compare it between modes: it must not change).</summary>
    public static long Json(string path, bool pipelined) => Json(path, pipelined, new CountingStream());

    public static long Json(string path, bool pipelined, Stream output)
    {
        using var source = CaptureFile.Open(path);
        using (var writer = new JsonLinesWriter(output, leaveOpen: true))
        {
            var analysis = pipelined
                ? CaptureAnalysis.CreatePipelined(source, AnalysisOptions.ForStreaming(), writer)
                : new CaptureAnalysis(source, AnalysisOptions.ForStreaming(), null, writer);
            analysis.Run();
            writer.Flush();
        }
        return output.Length;
    }
}
