using MailSniffer.Core.Flows;
using MailSniffer.Decoders;

namespace MailSniffer.Analysis.Pipeline;

/// <summary>What the analysis sink feeds: the model itself, or a hand-off that runs the model on another thread.</summary>
public interface IModelInput : IMailEventSink
{
    void FlowStarted(FlowInfo flow);
    void FlowEnded(FlowInfo flow);
}
