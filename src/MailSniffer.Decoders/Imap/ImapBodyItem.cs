namespace MailSniffer.Decoders.Imap;

/// <summary>
/// A FETCH data item that carries message bytes: BODY[...], BODY.PEEK[...], BINARY[...], RFC822, RFC822.HEADER,
/// RFC822.TEXT. Only BODY[] and RFC822 without a partial origin are whole messages.
/// </summary>
internal static class ImapBodyItem
{
    public static bool IsBodyItem(string name)
    {
        return name.StartsWith("BODY[", StringComparison.OrdinalIgnoreCase)
            || name.StartsWith("BODY.PEEK[", StringComparison.OrdinalIgnoreCase)
            || name.StartsWith("BINARY[", StringComparison.OrdinalIgnoreCase)
            || name.StartsWith("BINARY.PEEK[", StringComparison.OrdinalIgnoreCase)
            || name.Equals("RFC822", StringComparison.OrdinalIgnoreCase)
            || name.Equals("RFC822.HEADER", StringComparison.OrdinalIgnoreCase)
            || name.Equals("RFC822.TEXT", StringComparison.OrdinalIgnoreCase);
    }

    public static bool IsWholeMessage(string name)
    {
        return name.Equals("BODY[]", StringComparison.OrdinalIgnoreCase)
            || name.Equals("BODY.PEEK[]", StringComparison.OrdinalIgnoreCase)
            || name.Equals("RFC822", StringComparison.OrdinalIgnoreCase);
    }
}
