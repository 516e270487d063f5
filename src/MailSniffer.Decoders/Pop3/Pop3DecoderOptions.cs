using MailSniffer.Decoders.Common;
using MailSniffer.Decoders.Messages;

namespace MailSniffer.Decoders.Pop3;

/// <summary>Bounds on what a <see cref="Pop3Decoder"/> buffers for one connection.</summary>
public sealed record Pop3DecoderOptions
{
    public static readonly Pop3DecoderOptions Default = new();

    public int MaxLineLength { get; init; } = LineFramer.DefaultMaxLineLength;

    /// <summary>Commands awaiting a reply; beyond this the oldest is dropped (one-sided capture or a flood).</summary>
    public int MaxPendingCommands { get; init; } = 1024;

    public int MaxAnomalies { get; init; } = 32;

    public int MessageSpillThreshold { get; init; } = MessageContent.DefaultSpillThreshold;
}
