namespace MailSniffer.Decoders.Imap;

/// <summary>
/// The structure of a logical line up to its latest literal: the first tokens, the list depth and the token just
/// before. Updated from the text since the previous literal only, so a line with thousands of literals costs linear time.
/// </summary>
internal sealed class ImapLiteralContext
{
    public int ScannedTo { get; private set; }
    public int Depth { get; private set; }
    public int TokenCount { get; private set; }
    public List<string> Head { get; } = new(3);
    public ImapToken? Previous { get; private set; }

    /// <summary>Scans the text after the previous literal, which ends with the new literal's marker.</summary>
    public void Advance(ImapLine line)
    {
        string segment = line.TextFrom(ScannedTo);
        var tokens = ImapTokenizer.Tokenize(segment, [segment.Length]);
        foreach (var t in tokens)
        {
            if (t.Kind == ImapTokenKind.Literal) break;
            if (t.Kind == ImapTokenKind.ListStart) Depth++;
            else if (t.Kind == ImapTokenKind.ListEnd) Depth--;
            if (Head.Count < 3) Head.Add(t.Text);
            TokenCount++;
            Previous = t;
        }
    }

    /// <summary>The literal itself is a token too; the next scan starts after its marker.</summary>
    public void CountLiteral(ImapLine line)
    {
        if (Head.Count < 3) Head.Add("");
        TokenCount++;
        Previous = null;
        ScannedTo = line.TextLength;
    }
}
