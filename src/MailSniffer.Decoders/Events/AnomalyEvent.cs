using MailSniffer.Core.Capture;

namespace MailSniffer.Decoders.Events;

/// <summary>Something a decoder could not read cleanly: a gap, an over-long line, garbage. The flow is flagged; decoding goes on.</summary>
public sealed record AnomalyEvent(long Flow, CaptureTime Ts, string Protocol, string Reason) : MailEvent(Flow, Ts);
