using System.Globalization;
using System.Text;

namespace MailSniffer.Server.Imap;

/// <summary>
/// Splits a complete command (its lines and the literal bytes between them, as received) into tokens.
/// Literal contents are taken by their {n} count and never scanned, whatever they look like.
/// </summary>
public sealed class ImapTokenizer
{
    private readonly byte[] _data;
    private int _pos;

    public ImapTokenizer(byte[] data) => _data = data;

    public static ImapCommand Parse(byte[] data)
    {
        var t = new ImapTokenizer(data);
        var tag = t.ReadBareWord();
        if (tag.Length == 0 || tag.Any(c => c is '*' or '+' or '{' or '(' or ')' or '"' or '\\' or '%')) throw new ImapParseException("bad tag");
        t.SkipSpace();
        var name = t.ReadBareWord().ToUpperInvariant();
        if (name.Length == 0) throw new ImapParseException("missing command");
        var args = t.ReadList(topLevel: true);
        return new ImapCommand(tag, name, args);
    }

    private string ReadBareWord()
    {
        var start = _pos;
        while (_pos < _data.Length && _data[_pos] is not (byte)' ' and not (byte)'\r' and not (byte)'\n') _pos++;
        return Encoding.UTF8.GetString(_data, start, _pos - start);
    }

    private void SkipSpace()
    {
        while (_pos < _data.Length && _data[_pos] == ' ') _pos++;
    }

    private List<ImapToken> ReadList(bool topLevel)
    {
        var tokens = new List<ImapToken>();
        while (true)
        {
            SkipSpace();
            if (_pos >= _data.Length || _data[_pos] is (byte)'\r' or (byte)'\n')
            {
                if (!topLevel) throw new ImapParseException("unterminated list");
                return tokens;
            }
            var c = _data[_pos];
            if (c == ')')
            {
                if (topLevel) throw new ImapParseException("unexpected ')'");
                _pos++;
                return tokens;
            }
            if (tokens.Count > 10_000) throw new ImapParseException("too many arguments");
            tokens.Add(c switch
            {
                (byte)'(' => ReadNested(),
                (byte)'"' => ReadQuoted(),
                (byte)'{' => ReadLiteral(),
                _ => ReadAtom(),
            });
        }
    }

    private int _depth;

    private ImapToken ReadNested()
    {
        if (++_depth > 16) throw new ImapParseException("lists nested too deep");
        _pos++;
        var list = ImapToken.List(ReadList(topLevel: false));
        _depth--;
        return list;
    }

    private ImapToken ReadQuoted()
    {
        _pos++;
        var bytes = new List<byte>();
        while (true)
        {
            if (_pos >= _data.Length || _data[_pos] is (byte)'\r' or (byte)'\n') throw new ImapParseException("unterminated quoted string");
            var c = _data[_pos++];
            if (c == '"') return ImapToken.Str(bytes.ToArray(), literal: false);
            if (c == '\\')
            {
                if (_pos >= _data.Length) throw new ImapParseException("unterminated quoted string");
                c = _data[_pos++];
            }
            bytes.Add(c);
        }
    }

    private ImapToken ReadLiteral()
    {
        var close = Array.IndexOf(_data, (byte)'}', _pos);
        if (close < 0) throw new ImapParseException("bad literal");
        var spec = Encoding.ASCII.GetString(_data, _pos + 1, close - _pos - 1).TrimEnd('+');
        if (!int.TryParse(spec, NumberStyles.None, CultureInfo.InvariantCulture, out var n)) throw new ImapParseException("bad literal size");
        _pos = close + 1;
        if (_pos + 1 < _data.Length && _data[_pos] == '\r') _pos++;
        if (_pos < _data.Length && _data[_pos] == '\n') _pos++;
        if (_pos + n > _data.Length) throw new ImapParseException("literal shorter than announced");
        var bytes = _data.AsSpan(_pos, n).ToArray();
        _pos += n;
        return ImapToken.Str(bytes, literal: true);
    }

    private ImapToken ReadAtom()
    {
        var start = _pos;
        var bracket = 0;
        while (_pos < _data.Length)
        {
            var c = _data[_pos];
            if (c == '[') bracket++;
            else if (c == ']') bracket--;
            else if (bracket <= 0 && (c is (byte)' ' or (byte)')' or (byte)'(' or (byte)'\r' or (byte)'\n')) break;
            else if (bracket > 0 && c is (byte)'\r' or (byte)'\n') throw new ImapParseException("unterminated section");
            _pos++;
        }
        var text = Encoding.UTF8.GetString(_data, start, _pos - start);
        if (text.Length == 0) throw new ImapParseException("empty atom");
        return text.Equals("NIL", StringComparison.OrdinalIgnoreCase) ? new ImapToken(ImapTokenKind.Nil, "NIL") : ImapToken.Atom(text);
    }
}
