namespace MailSniffer.Tui.Packets;

/// <summary>One line of a dissection tree: a layer (depth 0) or one of its fields (depth 1). Text is safe for a terminal.</summary>
public sealed record DissectionLine(int Depth, string Text)
{
    public override string ToString() => Depth == 0 ? Text : new string(' ', 4 * Depth) + Text;
}
