using MimeKit;

namespace MailSniffer.Tui.Mime;

/// <summary>
/// One line of a message's MIME tree. <paramref name="Entity"/> is null when the tree was rebuilt from the summary
/// (the message was too large to keep). Size and Sha256 are of the decoded content, as `mailsniffer read --json` gives them.
/// </summary>
public sealed record MimeNode(string Prefix, string Label, MimeEntity? Entity, bool IsAttachment, int Ordinal, string? FileName,
    string ContentType, long? Size, string? Sha256)
{
    public string Line => Prefix + Label;
    /// <summary>A part with content of its own (not a multipart container): what 'a' can save.</summary>
    public bool Saveable => Entity is MimePart or MessagePart;
}
