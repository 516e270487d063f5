using MailSniffer.Analysis.Messages;
using MailSniffer.Decoders.Events;

namespace MailSniffer.Analysis.Model;

/// <summary>
/// Summaries another thread may have computed ahead of the model (see <see cref="Pipeline.ModelHandOff"/>). A summary
/// depends only on the message's bytes, so which thread computed it never changes the output.
/// </summary>
public interface IPrecomputedSummaries
{
    /// <summary>The summary of <paramref name="message"/> if it was (or is being) computed elsewhere; null to compute it here.</summary>
    MessageSummary? Take(MessageEvent message);
}
