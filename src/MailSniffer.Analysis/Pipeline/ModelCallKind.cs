namespace MailSniffer.Analysis.Pipeline;

internal enum ModelCallKind : byte
{
    FlowStarted,
    Event,
    FlowEnded,
}
