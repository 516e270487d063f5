using MailSniffer.Core.Capture;
using MailSniffer.Core.Flows;

namespace MailSniffer.Analysis.Model;

/// <summary>
/// One line of a conversation excerpt. Text is as it came from the wire: sanitise when rendering.
/// Direction is null for the analyzer's own notes (a credential found, an anomaly).
/// </summary>
public sealed record TranscriptLine(CaptureTime Ts, Direction? Direction, string Text);
