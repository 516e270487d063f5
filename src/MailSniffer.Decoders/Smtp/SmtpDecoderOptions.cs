using MailSniffer.Decoders.Common;
using MailSniffer.Decoders.Messages;

namespace MailSniffer.Decoders.Smtp;

/// <summary>Bounds on what an <see cref="SmtpDecoder"/> buffers for one connection.</summary>
public sealed record SmtpDecoderOptions
{
    public static readonly SmtpDecoderOptions Default = new();

    /// <summary>Longest command/reply line kept (RFC 5321 says 1000 octets; real traffic exceeds that, so lines are capped, not rejected).</summary>
    public int MaxLineLength { get; init; } = LineFramer.DefaultMaxLineLength;

    /// <summary>Commands awaiting a reply; beyond this the oldest is dropped (one-sided capture or a flood).</summary>
    public int MaxPendingCommands { get; init; } = 1024;

    /// <summary>Client bytes sent after DATA held while waiting for the 354/503; beyond this 354 is assumed.</summary>
    public int MaxEarlyDataBytes { get; init; } = 256 * 1024;

    /// <summary>Lines kept in one multi-line reply; further lines are dropped.</summary>
    public int MaxReplyLines { get; init; } = 512;

    public int MaxAnomalies { get; init; } = 32;

    public int MessageSpillThreshold { get; init; } = MessageContent.DefaultSpillThreshold;
}
