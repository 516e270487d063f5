using MailSniffer.Analysis.Pipeline;
using MailSniffer.Core.Flows;
using MailSniffer.Decoders.Events;

namespace MailSniffer.Analysis.Tests.Support;

/// <summary>Records the calls a model would get (message contents are disposed, as the model does); can fail on purpose.</summary>
internal sealed class RecordingModelInput : IModelInput
{
    public List<string> Calls { get; } = new();
    public int FailAt { get; init; } = -1;

    public void FlowStarted(FlowInfo flow) => Record($"start {flow.Id}");
    public void FlowEnded(FlowInfo flow) => Record($"end {flow.Id}");

    public void Emit(MailEvent e)
    {
        if (e is MessageEvent m) m.Content.Dispose();
        Record($"event {e.Flow}");
    }

    private void Record(string call)
    {
        if (Calls.Count == FailAt) throw new InvalidOperationException("model failed");
        Calls.Add(call);
    }
}
