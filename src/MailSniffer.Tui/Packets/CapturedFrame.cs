using MailSniffer.Core.Capture;

namespace MailSniffer.Tui.Packets;

/// <summary>One frame copied out of the capture for the Packets view: its number in the capture (1-based, as tshark counts), time and bytes.</summary>
public sealed record CapturedFrame(long Number, CaptureTime Timestamp, LinkType LinkType, byte[] Data, int OriginalLength);
