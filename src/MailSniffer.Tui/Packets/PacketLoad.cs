namespace MailSniffer.Tui.Packets;

/// <summary>The result of reading one conversation's packets: for which conversation, at which packet count, and the rows.</summary>
public sealed record PacketLoad(long ConversationId, long PacketsAtFetch, IReadOnlyList<PacketRow> Rows, long NotListed, string? Error);
