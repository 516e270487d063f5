using MailSniffer.Core.Flows;
using MailSniffer.Decoders.Events;

namespace MailSniffer.Analysis.Pipeline;

/// <summary>One queued call to the model: a flow start or end (<see cref="Flow"/>), or an event (a message with its <see cref="Slot"/>).</summary>
internal readonly record struct ModelCall(ModelCallKind Kind, FlowInfo? Flow, MailEvent? Event, SummarySlot? Slot = null);
