namespace MailSniffer.Tui.Packets;

/// <summary>
/// One packet of a conversation as the list shows it. Seq and ack are relative to each side's first sequence number,
/// as Wireshark shows them; null for UDP and for frames our decoder could not read.
/// </summary>
public sealed record PacketRow(CapturedFrame Frame, double Seconds, string Direction, string Flags, long? Seq, long? Ack, int Length, string Summary);
