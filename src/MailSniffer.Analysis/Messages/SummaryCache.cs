namespace MailSniffer.Analysis.Messages;

/// <summary>
/// Summaries of recently seen message contents, by SHA-256 and length. The same bytes cross the wire more than once:
/// a mailbox read by both POP3 and IMAP, an IMAP client fetching a message again, a re-sent message. A summary depends
/// only on the bytes (and the options, fixed for a run), so a repeat needs no second MimeKit parse and no second
/// decoding and hashing of its attachments. Shared by the model's summariser and the decoding thread's, hence the lock
/// (taken twice per message, against the milliseconds a parse of a large message costs).
/// </summary>
/// <remarks>
/// Bounded twice: by entries, and by the characters the kept summaries hold, since one hostile summary can carry a
/// thousand addresses. The oldest entry goes first.
/// </remarks>
public sealed class SummaryCache
{
    public const int DefaultMaxEntries = 8192;
    public const long DefaultMaxChars = 4L << 20;

    private readonly int _maxEntries;
    private readonly long _maxChars;
    private readonly Dictionary<(string Sha256, long Length), (MessageSummary Summary, long Chars)> _entries = new();
    private readonly Queue<(string Sha256, long Length)> _order = new();
    private readonly Lock _gate = new();
    private long _chars;

    public SummaryCache(int maxEntries = DefaultMaxEntries, long maxChars = DefaultMaxChars)
    {
        _maxEntries = maxEntries;
        _maxChars = maxChars;
    }

    public long Hits { get; private set; }

    public int Count
    {
        get { lock (_gate) return _entries.Count; }
    }

    public bool TryGet(string sha256, long length, out MessageSummary summary)
    {
        lock (_gate)
        {
            if (_entries.TryGetValue((sha256, length), out var entry))
            {
                Hits++;
                summary = entry.Summary;
                return true;
            }
        }
        summary = null!;
        return false;
    }

    public void Add(string sha256, long length, MessageSummary summary)
    {
        long chars = CharsOf(summary);
        if (chars > _maxChars / 16) return; // one summary may not push out a sixteenth of the rest
        lock (_gate)
        {
            if (!_entries.TryAdd((sha256, length), (summary, chars))) return;
            _order.Enqueue((sha256, length));
            _chars += chars;
            while (_entries.Count > _maxEntries || _chars > _maxChars)
            {
                var oldest = _order.Dequeue();
                if (_entries.Remove(oldest, out var gone)) _chars -= gone.Chars;
            }
        }
    }

    /// <summary>Roughly what a summary keeps alive, in characters (a fixed cost per object, plus its strings).</summary>
    private static long CharsOf(MessageSummary s)
    {
        long n = 64 + Len(s.MessageId) + Len(s.From) + Len(s.FromName) + Len(s.Subject) + Len(s.Preview) + Len(s.ParseError);
        foreach (var a in s.To) n += 16 + a.Length;
        foreach (var a in s.Cc) n += 16 + a.Length;
        foreach (var a in s.Attachments) n += 64 + Len(a.FileName) + a.ContentType.Length + a.Sha256.Length;
        return n;
    }

    private static int Len(string? s) => s?.Length ?? 0;
}
