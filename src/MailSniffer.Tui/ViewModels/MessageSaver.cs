using MailSniffer.Analysis.Model;
using MailSniffer.Analysis.Views.Export;

namespace MailSniffer.Tui.ViewModels;

/// <summary>Saves a message as .eml under a directory, with the same sanitised names as `mailsniffer export`.</summary>
public static class MessageSaver
{
    /// <summary>Returns what happened, in words for the screen. Never overwrites an existing file.</summary>
    public static string Save(MessageRecord m, byte[]? bytes, string directory)
    {
        if (bytes is null) return $"message {m.Index} was too large to keep in memory; use `mailsniffer export`";
        try
        {
            Directory.CreateDirectory(directory);
            string path = Path.Combine(directory, ExportNames.ForMessage(m));
            using (var f = new FileStream(path, FileMode.CreateNew, FileAccess.Write)) f.Write(bytes);
            return $"saved {bytes.Length} bytes to {path}";
        }
        catch (IOException e) { return "not saved: " + e.Message; }
        catch (UnauthorizedAccessException e) { return "not saved: " + e.Message; }
    }
}
