using System.Text;
using MailSniffer.Core.Flows;

namespace MailSniffer.Decoders.Tests.Support;

/// <summary>One step of a transcript: bytes in one direction, or a gap of <see cref="GapLength"/> bytes.</summary>
public sealed record ImapTranscriptTurn(Direction Direction, byte[] Data, long GapLength = 0)
{
    public bool IsGap => GapLength > 0;

    public static ImapTranscriptTurn C(string text) => new(Direction.ClientToServer, Encoding.UTF8.GetBytes(text));
    public static ImapTranscriptTurn S(string text) => new(Direction.ServerToClient, Encoding.UTF8.GetBytes(text));
    public static ImapTranscriptTurn C(byte[] data) => new(Direction.ClientToServer, data);
    public static ImapTranscriptTurn S(byte[] data) => new(Direction.ServerToClient, data);
    public static ImapTranscriptTurn Gap(Direction d, long length) => new(d, Array.Empty<byte>(), length);
}
