namespace MailSniffer.Decoders.Imap;

/// <summary>
/// One token of a logical IMAP line. Text is the atom, or the unescaped quoted string; LiteralIndex points into
/// <see cref="ImapLine.Literals"/>. Start/End are positions in the line text (for slicing the rest of a command).
/// </summary>
internal readonly record struct ImapToken(ImapTokenKind Kind, string Text, int LiteralIndex, int Start, int End)
{
    public bool IsAtom(string value) => Kind == ImapTokenKind.Atom && string.Equals(Text, value, StringComparison.OrdinalIgnoreCase);

    public bool IsNil => IsAtom("NIL");
}
