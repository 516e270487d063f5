namespace MailSniffer.Analysis.Messages;

/// <summary>
/// One attachment. FileName is decoded (RFC 2231/2047) but not sanitised. Size and Sha256 are of the decoded content
/// (base64/quoted-printable undone), as Python's get_payload(decode=True) gives; for an attached message/rfc822 they
/// are of the embedded message as MimeKit writes it (CRLF line endings).
/// </summary>
/// <param name="Depth">MIME nesting depth of the part (1 = child of the top-level multipart).</param>
/// <param name="Nested">True when the part lies inside an attached message rather than the message itself.</param>
public sealed record AttachmentSummary(string? FileName, string ContentType, long Size, string Sha256, int Depth, bool Nested);
