using MailSniffer.Analysis.Model;
using MailSniffer.Analysis.Tests.Support;
using MailSniffer.Decoders.Events;
using static MailSniffer.Analysis.Tests.Support.Events;

namespace MailSniffer.Analysis.Tests;

[Collection(MemoryMeasurementCollection.Name)]
public class StreamingMemoryTests
{
    [Fact]
    public void Streaming_memory_does_not_grow_with_the_number_of_flows()
    {
        var model = new CaptureModel(AnalysisOptions.ForStreaming(), new Views.Json.JsonLinesWriter(Stream.Null));
        void Run(int from, int to)
        {
            for (int f = from; f < to; f++)
            {
                model.FlowStarted(Flow(f));
                model.Emit(new SmtpCommandEvent(f, At(f), "EHLO", "x"));
                model.Emit(new CredentialEvent(f, At(f), "smtp", "PLAIN", "u" + f, "p", null, true));
                model.FlowEnded(Flow(f));
            }
        }
        Run(0, 2000);
        long baseline = GC.GetTotalMemory(true);
        Run(2000, 22000);
        long after = GC.GetTotalMemory(true);
        Assert.True(after - baseline < 1024 * 1024, $"heap grew {(after - baseline) / 1024} KiB over 20000 flows");
    }
}
