using System.Diagnostics;
using MailSniffer.Analysis.Model;
using MailSniffer.Analysis.Tests.Support;
using MailSniffer.Analysis.Views.Json;
using MailSniffer.Decoders.Events;
using Xunit.Abstractions;
using static MailSniffer.Analysis.Tests.Support.Events;

namespace MailSniffer.Analysis.Tests;

/// <summary>
/// The model + JSON view on their own (no capture reading) keep nothing once messages are summarised. Speed is measured
/// in the benchmarks (docs/performance.md), not here; the output line is for a developer's curiosity only.
/// </summary>
[Collection(MemoryMeasurementCollection.Name)]
public class ModelRetentionTests(ITestOutputHelper output)
{
    [Fact]
    public void Model_and_json_view_retain_nothing_after_summarising_3000_messages()
    {
        var rng = new Random(3);
        var samples = Enumerable.Range(0, 8).Select(i =>
        {
            var attachment = new byte[20_000 + 10_000 * i];
            rng.NextBytes(attachment);
            var m = Mime.WithAttachments($"message {i}", ($"file{i}.bin", attachment, "application/octet-stream"));
            m.Body = new MimeKit.Multipart("mixed")
            {
                new MimeKit.TextPart("plain") { Text = string.Concat(Enumerable.Repeat("Lorem ipsum dolor sit amet. ", 400)) },
                ((MimeKit.Multipart)m.Body!).Last(),
            };
            return Mime.ToBytes(m);
        }).ToArray();

        const int count = 3000;
        var json = new JsonLinesWriter(Stream.Null);
        var model = new CaptureModel(AnalysisOptions.ForStreaming(), json);
        model.FlowStarted(Flow(1));
        GC.Collect();
        long heapBefore = GC.GetTotalMemory(true);
        long bytes = 0;
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var sw = Stopwatch.StartNew();
        for (int i = 0; i < count; i++)
        {
            var b = samples[i % samples.Length];
            bytes += b.Length;
            model.Emit(new SmtpCommandEvent(1, At(i), "MAIL", "FROM:<alice@a.test>"));
            model.Emit(Message(1, b, ts: i));
        }
        model.Complete();
        sw.Stop();
        // On a shared machine wall-clock speed says more about the neighbours than about us; CPU time is the cost.
        double cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds;
        long heapAfter = GC.GetTotalMemory(true);
        double mbps = bytes / 1e6 / sw.Elapsed.TotalSeconds;
        output.WriteLine($"{count} messages, {bytes / 1e6:F1} MB in {sw.Elapsed.TotalSeconds:F2} s: {mbps:F0} MB/s wall, " +
                         $"{bytes / 1e6 / cpuSeconds:F0} MB per CPU-second (process-wide, GC included); " +
                         $"{json.RecordsWritten} JSON records; heap {heapBefore / 1024} KiB -> {heapAfter / 1024} KiB");
        Assert.Equal(2 * count + 1, json.RecordsWritten);
        Assert.True(heapAfter - heapBefore < 4 * 1024 * 1024, $"heap grew by {(heapAfter - heapBefore) / 1024} KiB");
    }
}
