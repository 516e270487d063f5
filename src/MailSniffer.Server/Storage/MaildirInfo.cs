using System.Text;

namespace MailSniffer.Server.Storage;

/// <summary>The ":2,FLAGS" suffix of a Maildir file name (letters in ASCII order, as the spec asks).</summary>
internal static class MaildirInfo
{
    public static string Format(MessageFlags flags)
    {
        var sb = new StringBuilder();
        if (flags.HasFlag(MessageFlags.Draft)) sb.Append('D');
        if (flags.HasFlag(MessageFlags.Flagged)) sb.Append('F');
        if (flags.HasFlag(MessageFlags.Answered)) sb.Append('R');
        if (flags.HasFlag(MessageFlags.Seen)) sb.Append('S');
        if (flags.HasFlag(MessageFlags.Deleted)) sb.Append('T');
        return sb.ToString();
    }

    public static MessageFlags Parse(string fileName)
    {
        var i = fileName.IndexOf(":2,", StringComparison.Ordinal);
        if (i < 0) return MessageFlags.None;
        var flags = MessageFlags.None;
        foreach (var c in fileName.AsSpan(i + 3))
        {
            flags |= c switch
            {
                'D' => MessageFlags.Draft,
                'F' => MessageFlags.Flagged,
                'R' => MessageFlags.Answered,
                'S' => MessageFlags.Seen,
                'T' => MessageFlags.Deleted,
                _ => MessageFlags.None,
            };
        }
        return flags;
    }

    public static string BaseName(string fileName)
    {
        var i = fileName.IndexOf(':');
        return i < 0 ? fileName : fileName[..i];
    }
}
