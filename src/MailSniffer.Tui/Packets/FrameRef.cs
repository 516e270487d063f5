namespace MailSniffer.Tui.Packets;

/// <summary>Where a frame of a file capture is (its number) and when it was seen; the bytes are read again on demand.</summary>
public readonly record struct FrameRef(long Number, long TimestampNs);
