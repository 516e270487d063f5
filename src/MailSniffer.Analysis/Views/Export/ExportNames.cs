using System.Globalization;
using MailSniffer.Analysis.Model;
using MailSniffer.Core.Text;

namespace MailSniffer.Analysis.Views.Export;

/// <summary>File names for exported messages and attachments, derived from the message but always safe.</summary>
public static class ExportNames
{
    private const int MaxLabelLength = 60;

    /// <summary>"0007-Quarterly report.eml", "0008-abc@example.com-incomplete.eml".</summary>
    public static string ForMessage(MessageRecord m)
    {
        string? label = !string.IsNullOrWhiteSpace(m.Summary.Subject) ? m.Summary.Subject : m.Summary.MessageId;
        string safe = SafeFileName.Sanitize(label, "message");
        if (safe.Length > MaxLabelLength) safe = safe[..MaxLabelLength].TrimEnd(' ', '.');
        string suffix = (m.Complete ? "" : "-incomplete") + (m.Partial ? "-partial" : "");
        return $"{Number(m)}-{safe}{suffix}.eml";
    }

    public static string AttachmentDirectory(MessageRecord m) => $"{Number(m)}-attachments";

    public static string ForAttachment(string? fileName, int ordinal, string? fallbackExtension) =>
        SafeFileName.Sanitize(fileName, $"attachment-{ordinal}{fallbackExtension}");

    private static string Number(MessageRecord m) => m.Index.ToString("D4", CultureInfo.InvariantCulture);
}
