using MailSniffer.Analysis.Model;
using MailSniffer.Analysis.Views.Export;
using MailSniffer.Core.Text;
using MimeKit;

namespace MailSniffer.Tui.Mime;

/// <summary>
/// Saves one MIME part into a directory under the name `mailsniffer export` would give it (sanitised: no path, no
/// control characters, no hidden file), adding -1, -2… instead of ever overwriting a file.
/// </summary>
public static class AttachmentSaver
{
    /// <summary>Returns what happened, in words for the screen, and the path written (null when nothing was).</summary>
    public static (string Notice, string? Path) Save(MessageRecord message, MimeNode node, string directory)
    {
        if (node.Entity is null)
            return ($"message {message.Index} was too large to keep in memory; use `mailsniffer export`", null);
        if (!node.Saveable) return ("select a part (not a multipart container) to save it", null);
        string fallbackExtension = node.Entity is MessagePart ? ".eml" : ".bin";
        string name = ExportNames.ForAttachment(node.FileName, Math.Max(1, node.Ordinal), fallbackExtension);
        try
        {
            Directory.CreateDirectory(directory);
            for (int attempt = 0; ; attempt++)
            {
                string path = SafeFileName.UniquePath(directory, name);
                try
                {
                    // CreateNew: a file that appeared since UniquePath looked is never overwritten; try the next name.
                    using (var target = new FileStream(path, FileMode.CreateNew, FileAccess.Write)) MimeTree.WriteContent(node.Entity, target);
                    return ($"saved {new FileInfo(path).Length} bytes to {path}", path);
                }
                catch (IOException) when (attempt < 3 && File.Exists(path)) { }
            }
        }
        catch (IOException e) { return ("not saved: " + e.Message, null); }
        catch (UnauthorizedAccessException e) { return ("not saved: " + e.Message, null); }
    }
}
