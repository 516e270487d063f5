namespace MailSniffer.LoopbackReplay;

/// <summary>One TCP conversation of the source capture as turns: who speaks, and the bytes they send.</summary>
internal sealed record ConversationScript(int ServerPort, IReadOnlyList<(bool FromClient, byte[] Data)> Turns)
{
    public long Bytes => Turns.Sum(t => (long)t.Data.Length);
}
