namespace MailSniffer.Decoders.Detection;

public enum DetectionVerdict : byte
{
    /// <summary>Not enough bytes yet; ask again with more.</summary>
    Undecided,
    Decided,
    /// <summary>The window is full (or the flow ended) and nothing identified a protocol.</summary>
    Unknown,
}
