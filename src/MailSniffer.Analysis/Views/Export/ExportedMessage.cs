namespace MailSniffer.Analysis.Views.Export;

/// <summary>Where one message went: its .eml file and the files of its attachments.</summary>
public sealed record ExportedMessage(long Index, string EmlPath, IReadOnlyList<string> AttachmentPaths, string? AttachmentError);
