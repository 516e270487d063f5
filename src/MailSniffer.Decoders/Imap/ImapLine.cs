using System.Text;
using MailSniffer.Core.Capture;

namespace MailSniffer.Decoders.Imap;

/// <summary>
/// A logical IMAP line: text fragments joined, each literal left in the text as its "{n}" marker and its bytes kept in
/// <see cref="Literals"/>. <see cref="LiteralEnds"/> holds the text position right after each marker, which is how the
/// tokenizer tells a real literal from "{5}" typed inside an atom.
/// </summary>
internal sealed class ImapLine
{
    public const int MaxTextLength = 256 * 1024;
    public const int MaxLiterals = 4096;

    private readonly StringBuilder _text = new();
    private string? _cached;

    public ImapLine(CaptureTime start) => StartTs = start;

    public CaptureTime StartTs { get; }
    public List<ImapLiteral> Literals { get; } = new();
    public List<int> LiteralEnds { get; } = new();
    /// <summary>Text was dropped because the line exceeded <see cref="MaxTextLength"/>.</summary>
    public bool Truncated { get; private set; }
    /// <summary>A gap or the end of the capture interrupted the line.</summary>
    public bool Broken { get; set; }

    public string Text => _cached ??= _text.ToString();

    public void AppendFragment(ReadOnlySpan<byte> fragment)
    {
        _cached = null;
        int room = MaxTextLength - _text.Length;
        if (fragment.Length > room) { Truncated = true; fragment = fragment[..Math.Max(room, 0)]; }
        if (!fragment.IsEmpty) _text.Append(Encoding.UTF8.GetString(fragment));
    }

    public void AddLiteral(ImapLiteral literal)
    {
        Literals.Add(literal);
        LiteralEnds.Add(_text.Length);
    }

    public bool HasMessageLiterals
    {
        get
        {
            foreach (var l in Literals) if (l.Content != null) return true;
            return false;
        }
    }
}
