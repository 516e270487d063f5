using MailSniffer.Core.Capture;

namespace MailSniffer.Decoders.Imap;

/// <summary>A command waiting for its tagged completion: what we need to remember to interpret the answer.</summary>
internal sealed record ImapPendingCommand(string Tag, string Command, CaptureTime Ts)
{
    public string? LoginUser { get; init; }
    public string? LoginPassword { get; init; }
    public string? Mailbox { get; init; }
}
