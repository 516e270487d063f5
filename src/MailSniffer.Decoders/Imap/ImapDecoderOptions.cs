using MailSniffer.Decoders.Messages;

namespace MailSniffer.Decoders.Imap;

public sealed record ImapDecoderOptions
{
    /// <summary>Message bytes kept per literal; beyond it the message is cut (Complete=false) but the count is still honoured.</summary>
    public long MaxMessageBytes { get; init; } = 512L * 1024 * 1024;

    /// <summary>Passed to <see cref="MessageContent"/>: above it, message bytes go to a temporary file.</summary>
    public int SpillThreshold { get; init; } = MessageContent.DefaultSpillThreshold;

    /// <summary>Commands remembered while waiting for their tagged completion.</summary>
    public int MaxPendingCommands { get; init; } = 128;
}
