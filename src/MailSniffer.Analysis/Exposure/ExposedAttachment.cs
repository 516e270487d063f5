namespace MailSniffer.Analysis.Exposure;

/// <summary>An attachment whose content crossed the network in clear text. FileName is not sanitised.</summary>
public sealed record ExposedAttachment(string? FileName, string ContentType, long Size, string Sha256);
