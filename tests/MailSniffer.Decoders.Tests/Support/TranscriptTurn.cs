using MailSniffer.Core.Flows;

namespace MailSniffer.Decoders.Tests.Support;

/// <summary>One turn of a byte transcript: bytes one side sent, or (Data null) a capture gap of GapLength bytes.</summary>
public sealed record TranscriptTurn(Direction Direction, byte[]? Data, long GapLength = 0)
{
    public bool IsGap => Data == null;
}
