namespace MailSniffer.Server.Imap;

using MailSniffer.Server.Storage;

/// <summary>IMAP system flag names.</summary>
public static class FlagText
{
    private static readonly (MessageFlags Flag, string Name)[] Names =
    [
        (MessageFlags.Answered, "\\Answered"),
        (MessageFlags.Flagged, "\\Flagged"),
        (MessageFlags.Deleted, "\\Deleted"),
        (MessageFlags.Seen, "\\Seen"),
        (MessageFlags.Draft, "\\Draft"),
    ];

    public const string All = "\\Answered \\Flagged \\Deleted \\Seen \\Draft";

    public static string Format(MessageFlags flags) => string.Join(' ', Names.Where(n => flags.HasFlag(n.Flag)).Select(n => n.Name));

    /// <summary>Keywords and \Recent are accepted and ignored: the store keeps system flags only.</summary>
    public static MessageFlags Parse(IEnumerable<string> names)
    {
        var flags = MessageFlags.None;
        foreach (var name in names)
            foreach (var n in Names)
                if (n.Name.Equals(name, StringComparison.OrdinalIgnoreCase)) flags |= n.Flag;
        return flags;
    }
}
