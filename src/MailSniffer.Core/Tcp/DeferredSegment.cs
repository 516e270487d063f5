using MailSniffer.Core.Capture;
using MailSniffer.Core.Frames;

namespace MailSniffer.Core.Tcp;

/// <summary>
/// A data segment held back because it acknowledges bytes of the other direction that have not been delivered yet:
/// delivering it first would show a reply before the command it answers.
/// </summary>
internal readonly record struct DeferredSegment(bool SourceIsA, uint Sequence, uint Acknowledgment, TcpFlags Flags,
    byte[] Data, int Length, int WireLength, CaptureTime Timestamp);
