using MailSniffer.Analysis.Messages;
using MailSniffer.Decoders.Events;

namespace MailSniffer.Analysis.Pipeline;

/// <summary>
/// Who summarises one queued message: whichever thread claims it first. The decoding thread claims messages while it
/// would otherwise wait for room in the queue; the model thread claims the rest as it reaches them.
/// </summary>
internal sealed class SummarySlot(MessageEvent message)
{
    public const int Unclaimed = 0;
    public const int ProducerComputing = 1;
    public const int ConsumerOwns = 2;
    public const int ProducerDone = 3;

    public MessageEvent Message { get; } = message;
    public int State;
    public MessageSummary? Summary;

    public bool TryClaim(int claimant) => Interlocked.CompareExchange(ref State, claimant, Unclaimed) == Unclaimed;
}
