using System.Globalization;
using System.Text;
using MailSniffer.Server.Storage;

namespace MailSniffer.Server.Imap;

/// <summary>Compiles RFC 3501 search keys (a useful subset) into a predicate; null for anything unsupported.</summary>
public sealed class SearchEvaluator
{
    private readonly IReadOnlyList<ImapToken> _keys;
    private readonly uint _maxSequence;
    private readonly uint _maxUid;
    private int _pos;

    private SearchEvaluator(IReadOnlyList<ImapToken> keys, uint maxSequence, uint maxUid)
    {
        _keys = keys;
        _maxSequence = maxSequence;
        _maxUid = maxUid;
    }

    public static Func<SearchTarget, bool>? Compile(IReadOnlyList<ImapToken> keys, uint maxSequence, uint maxUid)
    {
        var start = 0;
        if (keys.Count >= 2 && keys[0].Text.Equals("CHARSET", StringComparison.OrdinalIgnoreCase)) start = 2;
        var e = new SearchEvaluator(keys.Skip(start).ToList(), maxSequence, maxUid);
        var all = new List<Func<SearchTarget, bool>>();
        while (e._pos < e._keys.Count)
        {
            var key = e.Key();
            if (key is null) return null;
            all.Add(key);
        }
        return t => all.All(k => k(t));
    }

    private string? NextString() => _pos < _keys.Count && _keys[_pos].IsAString ? _keys[_pos++].Text : null;

    private Func<SearchTarget, bool>? Key()
    {
        if (_pos >= _keys.Count) return null;
        var token = _keys[_pos++];
        if (token.Kind == ImapTokenKind.List)
        {
            var inner = Compile(token.Children!, _maxSequence, _maxUid);
            return inner;
        }
        if (token.Kind != ImapTokenKind.Atom) return null;
        Func<SearchTarget, bool> Flag(MessageFlags f, bool set) => t => t.Message.Flags.HasFlag(f) == set;
        Func<SearchTarget, bool>? Header(string name)
        {
            var value = NextString();
            return value is null ? null : t => t.HeaderContains(name, value);
        }
        switch (token.Text.ToUpperInvariant())
        {
            case "ALL": return _ => true;
            case "SEEN": return Flag(MessageFlags.Seen, true);
            case "UNSEEN": return Flag(MessageFlags.Seen, false);
            case "DELETED": return Flag(MessageFlags.Deleted, true);
            case "UNDELETED": return Flag(MessageFlags.Deleted, false);
            case "FLAGGED": return Flag(MessageFlags.Flagged, true);
            case "UNFLAGGED": return Flag(MessageFlags.Flagged, false);
            case "ANSWERED": return Flag(MessageFlags.Answered, true);
            case "UNANSWERED": return Flag(MessageFlags.Answered, false);
            case "DRAFT": return Flag(MessageFlags.Draft, true);
            case "UNDRAFT": return Flag(MessageFlags.Draft, false);
            case "NEW":
            case "RECENT": return _ => false;
            case "OLD": return _ => true;
            case "FROM": return Header("From");
            case "TO": return Header("To");
            case "CC": return Header("Cc");
            case "BCC": return Header("Bcc");
            case "SUBJECT": return Header("Subject");
            case "HEADER":
            {
                var name = NextString();
                return name is null ? null : Header(name);
            }
            case "BODY":
            case "TEXT":
            {
                var text = NextString();
                var whole = token.Text.Equals("TEXT", StringComparison.OrdinalIgnoreCase);
                return text is null ? null : t => Encoding.UTF8.GetString(whole ? t.Content : MessageSections.Text(t.Content)).Contains(text, StringComparison.OrdinalIgnoreCase);
            }
            case "LARGER":
            case "SMALLER":
            {
                if (!long.TryParse(NextString(), NumberStyles.None, CultureInfo.InvariantCulture, out var n)) return null;
                return token.Text.Equals("LARGER", StringComparison.OrdinalIgnoreCase) ? t => t.Message.Size > n : t => t.Message.Size < n;
            }
            case "UID":
            {
                var set = SequenceSet.Parse(NextString() ?? "", _maxUid);
                return set is null ? null : t => set.Contains(t.Message.Uid);
            }
            case "NOT":
            {
                var inner = Key();
                return inner is null ? null : t => !inner(t);
            }
            case "OR":
            {
                var a = Key();
                var b = Key();
                return a is null || b is null ? null : t => a(t) || b(t);
            }
            default:
            {
                var set = SequenceSet.Parse(token.Text, _maxSequence);
                return set is null ? null : t => set.Contains(t.Sequence);
            }
        }
    }
}
