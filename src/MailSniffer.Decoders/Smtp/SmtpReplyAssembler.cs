namespace MailSniffer.Decoders.Smtp;

/// <summary>Collects the lines of one (possibly multi-line "NNN-") reply until its final "NNN " line.</summary>
internal sealed class SmtpReplyAssembler(int maxLines)
{
    /// <summary>Text kept for one reply at most; lines beyond it are dropped (a hostile server could send 64 KiB lines forever).</summary>
    public const int MaxChars = 256 * 1024;

    private List<string> _lines = new();

    public int BufferedChars { get; private set; }

    /// <summary>Parses "NNN-text" / "NNN text" / "NNN"; false when the line is not a reply line.</summary>
    public static bool TryParse(string line, out int code, out bool final, out string text)
    {
        code = 0; final = true; text = "";
        if (line.Length < 3 || line[0] < '1' || line[0] > '5' || !char.IsAsciiDigit(line[1]) || !char.IsAsciiDigit(line[2])) return false;
        if (line.Length > 3 && line[3] != ' ' && line[3] != '-') return false;
        code = (line[0] - '0') * 100 + (line[1] - '0') * 10 + (line[2] - '0');
        final = line.Length == 3 || line[3] == ' ';
        text = line.Length > 4 ? line[4..] : "";
        return true;
    }

    /// <summary>Adds a line; returns the whole reply's lines when it was the final one.</summary>
    public IReadOnlyList<string>? Add(string text, bool final)
    {
        if (_lines.Count < maxLines && BufferedChars + text.Length <= MaxChars) { _lines.Add(text); BufferedChars += text.Length; }
        if (!final) return null;
        var lines = _lines;
        _lines = new List<string>();
        BufferedChars = 0;
        return lines;
    }

    public void Reset()
    {
        _lines.Clear();
        BufferedChars = 0;
    }
}
