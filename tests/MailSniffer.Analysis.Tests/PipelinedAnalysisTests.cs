using MailSniffer.Analysis.Messages;
using MailSniffer.Analysis.Model;
using MailSniffer.Analysis.Pipeline;
using MailSniffer.Analysis.Tests.Support;
using MailSniffer.Analysis.Views.Json;
using MailSniffer.Core.Capture;
using MailSniffer.Core.Flows;
using MailSniffer.Decoders.Events;
using MailSniffer.Decoders.Messages;
using MailSniffer.TestSupport;
using static MailSniffer.Analysis.Tests.Support.Events;

namespace MailSniffer.Analysis.Tests;

/// <summary>The two-stage pipeline (model on its own thread) must write exactly what the single-threaded one writes.</summary>
public class PipelinedAnalysisTests
{
    public static TheoryData<string> AllCaptures()
    {
        var data = new TheoryData<string>();
        foreach (var f in TestPaths.CaptureFilesIn(TestPaths.SharedCaptures).Concat(TestPaths.CaptureFilesIn(TestPaths.RepoCaptures)))
            data.Add(f);
        if (data.Count == 0) data.Add("");
        return data;
    }

    private static byte[] Json(string path, bool pipelined)
    {
        using var source = CaptureFile.Open(path);
        var output = new MemoryStream();
        using var writer = new JsonLinesWriter(output);
        var analysis = pipelined
            ? CaptureAnalysis.CreatePipelined(source, AnalysisOptions.ForStreaming(), writer)
            : new CaptureAnalysis(source, AnalysisOptions.ForStreaming(), null, writer);
        analysis.Run();
        writer.Flush();
        return output.ToArray();
    }

    [SkippableTheory]
    [MemberData(nameof(AllCaptures))]
    public void Two_stage_json_is_byte_for_byte_the_single_threaded_json(string capture)
    {
        Skip.If(capture == "", "no captures found beside the repository");
        byte[] single = Json(capture, pipelined: false);
        byte[] twoStage = Json(capture, pipelined: true);
        Assert.NotEmpty(single);
        Assert.Equal(single.Length, twoStage.Length);
        Assert.True(single.AsSpan().SequenceEqual(twoStage), "output differs");
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(7, 100)]
    [InlineData(ModelHandOff.DefaultMaxBatchCalls, ModelHandOff.DefaultMaxBatchBytes)]
    public void Calls_reach_the_model_in_order_whatever_the_batch_size(int batchCalls, long batchBytes)
    {
        var recorder = new RecordingModelInput();
        var handOff = new ModelHandOff(recorder, batchCalls, batchBytes, maxQueuedBatches: 2);
        var expected = new List<string>();
        for (int f = 1; f <= 300; f++)
        {
            handOff.FlowStarted(Flow(f));
            expected.Add($"start {f}");
            var content = MessageContent.FromBytes(new byte[f * 3]);
            handOff.Emit(new MessageEvent(f, At(f), "smtp", "data", Direction.ClientToServer, content, true, false));
            expected.Add($"event {f}");
            handOff.FlowEnded(Flow(f));
            expected.Add($"end {f}");
        }
        handOff.Finish();
        Assert.Equal(expected, recorder.Calls);
    }

    [Fact]
    public void A_model_failure_stops_the_producer_and_is_rethrown_without_hanging()
    {
        var failing = new RecordingModelInput { FailAt = 50 };
        var handOff = new ModelHandOff(failing, maxBatchCalls: 4, maxQueuedBatches: 1);
        var ex = Record.Exception(() =>
        {
            for (int f = 1; f <= 100_000; f++) handOff.FlowStarted(Flow(f));
            handOff.Finish();
        });
        handOff.Abandon();
        Assert.IsType<InvalidOperationException>(ex);
        Assert.Equal("model failed", ex.Message);
        Assert.Equal(50, failing.Calls.Count);
    }

    [Fact]
    public void After_a_producer_failure_the_model_still_gets_every_call_made_before_it()
    {
        var recorder = new RecordingModelInput();
        var handOff = new ModelHandOff(recorder, maxBatchCalls: 16, maxQueuedBatches: 1);
        for (int f = 1; f <= 100; f++) handOff.FlowStarted(Flow(f));
        handOff.Abandon();
        Assert.Equal(Enumerable.Range(1, 100).Select(f => $"start {f}"), recorder.Calls);
        Assert.Throws<InvalidOperationException>(() => handOff.FlowStarted(Flow(101)));
    }

    /// <summary>Slows the model thread down so that the queue fills and the caller's thread starts summarising.</summary>
    private sealed class SlowObserver : ICaptureObserver
    {
        public void MessageSeen(MessageRecord message, MessageContent content) => Thread.Sleep(3);
    }

    private static List<byte[]> Messages(int count)
    {
        var rng = new Random(9);
        return Enumerable.Range(0, count).Select(i =>
        {
            var attachment = new byte[1000 + 300 * (i % 17)];
            rng.NextBytes(attachment);
            return Mime.ToBytes(Mime.WithAttachments($"message {i}", ($"file{i}.bin", attachment, "application/octet-stream")));
        }).ToList();
    }

    [Fact]
    public void At_the_end_the_caller_summarises_what_the_model_has_still_queued_and_the_output_is_unchanged()
    {
        var messages = Messages(80);
        // A queue that never fills: nothing is summarised ahead before Finish, so whatever is, is the tail's.
        var (output, aheadBeforeFinish, ahead) = PipelinedJson(messages, maxQueuedBatches: 1000);
        Assert.Equal(0, aheadBeforeFinish);
        Assert.True(ahead > 0, "the caller's thread summarised none of the queued messages while the model caught up");
        Assert.Equal(SingleThreadedJson(messages), output);
    }

    [Fact]
    public void When_the_model_falls_behind_the_caller_summarises_for_it_and_the_output_is_unchanged()
    {
        var messages = Messages(120);
        var (output, _, ahead) = PipelinedJson(messages, maxQueuedBatches: 1);
        Assert.InRange(ahead, 1, messages.Count);
        Assert.Equal(SingleThreadedJson(messages), output);
    }

    private static byte[] SingleThreadedJson(List<byte[]> messages)
    {
        var output = new MemoryStream();
        using (var json = new JsonLinesWriter(output))
        {
            var model = new CaptureModel(AnalysisOptions.ForStreaming(), json);
            model.FlowStarted(Flow(1));
            for (int i = 0; i < messages.Count; i++) model.Emit(Message(1, messages[i], ts: i));
            model.FlowEnded(Flow(1));
            model.Complete();
        }
        return output.ToArray();
    }

    /// <summary>The same calls through a hand-off to a deliberately slow model, with a summarizer for the caller's thread.</summary>
    private static (byte[] Output, int AheadBeforeFinish, int Ahead) PipelinedJson(List<byte[]> messages, int maxQueuedBatches)
    {
        var options = AnalysisOptions.ForStreaming();
        var output = new MemoryStream();
        int before, ahead;
        using (var json = new JsonLinesWriter(output))
        {
            var model = new CaptureModel(options, json, new SlowObserver());
            var handOff = new ModelHandOff(model, maxBatchCalls: 2, maxQueuedBatches: maxQueuedBatches, helper: new MessageSummarizer(options));
            model.PrecomputedSummaries = handOff;
            handOff.FlowStarted(Flow(1));
            for (int i = 0; i < messages.Count; i++) handOff.Emit(Message(1, messages[i], ts: i));
            handOff.FlowEnded(Flow(1));
            before = handOff.SummarisedAhead;
            handOff.Finish();
            model.Complete();
            ahead = handOff.SummarisedAhead;
        }
        return (output.ToArray(), before, ahead);
    }
}
