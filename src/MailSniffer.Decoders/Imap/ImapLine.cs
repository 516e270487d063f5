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

    // Most lines are a single fragment: keep it as a string and only build when literals add more fragments.
    private string _first = "";
    private StringBuilder? _text;
    private string? _cached;
    private List<ImapLiteral>? _literals;
    private List<int>? _literalEnds;
    private ImapLiteralContext? _context;

    public ImapLine(CaptureTime start) => StartTs = start;

    public CaptureTime StartTs { get; }
    public IReadOnlyList<ImapLiteral> Literals => (IReadOnlyList<ImapLiteral>?)_literals ?? Array.Empty<ImapLiteral>();
    public IReadOnlyList<int> LiteralEnds => (IReadOnlyList<int>?)_literalEnds ?? Array.Empty<int>();
    /// <summary>Text was dropped because the line exceeded <see cref="MaxTextLength"/>.</summary>
    public bool Truncated { get; private set; }
    /// <summary>A gap or the end of the capture interrupted the line.</summary>
    public bool Broken { get; set; }

    public string Text => _cached ??= _text?.ToString() ?? _first;

    /// <summary>Text from <paramref name="start"/> to the end, without materialising the whole line.</summary>
    public string TextFrom(int start)
    {
        if (start >= TextLength) return "";
        return _text != null ? _text.ToString(start, _text.Length - start) : _first[start..];
    }

    public int TextLength => _text?.Length ?? _first.Length;

    /// <summary>The structure seen before the latest literal (see <see cref="ImapLiteralContext"/>).</summary>
    internal ImapLiteralContext Context => _context ??= new ImapLiteralContext();

    public void AppendFragment(ReadOnlySpan<byte> fragment)
    {
        _cached = null;
        int room = MaxTextLength - TextLength;
        if (fragment.Length > room) { Truncated = true; fragment = fragment[..Math.Max(room, 0)]; }
        if (fragment.IsEmpty) return;
        string text = Encoding.UTF8.GetString(fragment);
        if (_text == null && _literals == null) { _first = text; return; }
        _text ??= new StringBuilder(_first);
        _text.Append(text);
    }

    public void AddLiteral(ImapLiteral literal)
    {
        (_literals ??= new List<ImapLiteral>()).Add(literal);
        (_literalEnds ??= new List<int>()).Add(TextLength);
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
