namespace MailSniffer.Tui.Packets;

/// <summary>
/// The frames of one conversation as far as they are kept: <paramref name="NotListed"/> counts frames beyond the cap
/// (or evicted from a live ring); <paramref name="Error"/> says why the frames could not be read again.
/// </summary>
public sealed record PacketListing(IReadOnlyList<CapturedFrame> Frames, long NotListed, string? Error = null)
{
    public static readonly PacketListing Empty = new(Array.Empty<CapturedFrame>(), 0);
}
