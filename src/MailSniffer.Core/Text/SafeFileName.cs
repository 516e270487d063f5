using System.Text;

namespace MailSniffer.Core.Text;

/// <summary>
/// Turns a name taken from the wire (a Subject, an attachment's filename) into a file name that cannot escape the
/// output directory, hide itself, carry control characters or overwrite an existing file.
/// </summary>
public static class SafeFileName
{
    private const int MaxLength = 100;

    public static string Sanitize(string? name, string fallback = "unnamed")
    {
        var sb = new StringBuilder();
        foreach (char c in name ?? "")
        {
            if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) || SafeText.NeedsEscape(c)) sb.Append('_');
            else if (c is '/' or '\\' or ':' or '*' or '?' or '"' or '<' or '>' or '|') sb.Append('_');
            else sb.Append(c);
        }
        string s = sb.ToString().Trim().Trim('.', ' ');
        // ".." and friends were trimmed above; a leading dot would make a hidden file.
        if (s.Length > MaxLength)
        {
            string ext = Path.GetExtension(s);
            if (ext.Length > 10) ext = "";
            s = s[..(MaxLength - ext.Length)] + ext;
        }
        if (s.Length == 0 || IsReservedDeviceName(s)) s = fallback;
        return s;
    }

    /// <summary>A path inside <paramref name="directory"/> that does not exist yet: name, name-1, name-2...</summary>
    public static string UniquePath(string directory, string sanitizedName)
    {
        string stem = Path.GetFileNameWithoutExtension(sanitizedName);
        string ext = Path.GetExtension(sanitizedName);
        string candidate = Path.Combine(directory, sanitizedName);
        for (int n = 1; File.Exists(candidate) || Directory.Exists(candidate); n++)
            candidate = Path.Combine(directory, $"{stem}-{n}{ext}");
        return candidate;
    }

    private static bool IsReservedDeviceName(string s)
    {
        string stem = Path.GetFileNameWithoutExtension(s).ToUpperInvariant();
        return stem is "CON" or "PRN" or "AUX" or "NUL" or "COM1" or "LPT1";
    }
}
