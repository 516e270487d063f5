using System.Globalization;

namespace MailSniffer.Server.Storage;

/// <summary>
/// Maildir on disk: root/user/Maildir/{tmp,new,cur} for INBOX and root/user/Maildir/.Sent/ for Sent.
/// A file's name starts with its IMAP UID, so UIDs survive restarts without a separate index
/// that could disagree with the files.
/// </summary>
public sealed class MaildirStore : IMailStore
{
    private readonly string _root;
    private readonly string _host = SafeHostName();
    private readonly object _lock = new();
    private readonly Dictionary<(string User, string Mailbox), MaildirIndex> _indexes = new();
    private long _counter;

    public MaildirStore(string root)
    {
        _root = root;
        Directory.CreateDirectory(root);
    }

    public event Action<string, string>? MailboxChanged;

    public async Task<StoredMessage> AppendAsync(string user, string mailbox, ReadOnlyMemory<byte> content, MessageFlags flags, DateTimeOffset internalDate, CancellationToken ct)
    {
        uint uid;
        string dir;
        lock (_lock)
        {
            var index = IndexOf(user, mailbox);
            uid = index.UidNext++;
            dir = index.Directory;
            File.WriteAllText(Path.Combine(dir, ".uidnext"), index.UidNext.ToString(CultureInfo.InvariantCulture));
        }
        var unique = $"{uid}.{DateTimeOffset.UtcNow.ToUnixTimeSeconds()}.M{Interlocked.Increment(ref _counter)}P{Environment.ProcessId}.{_host},S={content.Length}";
        var tmp = Path.Combine(dir, "tmp", unique);
        var name = flags == MessageFlags.None ? unique : unique + ":2," + MaildirInfo.Format(flags);
        var final = Path.Combine(dir, flags == MessageFlags.None ? "new" : "cur", name);
        await DurableFile.WriteAsync(tmp, final, content, ct);
        File.SetLastWriteTimeUtc(final, internalDate.UtcDateTime);
        var stored = new StoredMessage(uid, content.Length, flags, internalDate, final);
        lock (_lock) IndexOf(user, mailbox).Add(stored);
        MailboxChanged?.Invoke(user, mailbox);
        return stored;
    }

    public IReadOnlyList<StoredMessage> List(string user, string mailbox)
    {
        lock (_lock) return IndexOf(user, mailbox).Messages.Values.ToList();
    }

    public byte[] Read(string user, string mailbox, uint uid)
    {
        string path;
        lock (_lock)
        {
            if (!IndexOf(user, mailbox).Messages.TryGetValue(uid, out var m)) throw new KeyNotFoundException($"no message {uid}");
            path = m.Key;
        }
        return File.ReadAllBytes(path);
    }

    public StoredMessage? SetFlags(string user, string mailbox, uint uid, MessageFlags flags)
    {
        lock (_lock)
        {
            var index = IndexOf(user, mailbox);
            if (!index.Messages.TryGetValue(uid, out var m)) return null;
            if (m.Flags == flags && m.Key.Contains(Path.DirectorySeparatorChar + "cur" + Path.DirectorySeparatorChar, StringComparison.Ordinal)) return m;
            var baseName = MaildirInfo.BaseName(Path.GetFileName(m.Key));
            var target = Path.Combine(index.Directory, "cur", baseName + ":2," + MaildirInfo.Format(flags));
            if (target != m.Key) File.Move(m.Key, target);
            var updated = m with { Flags = flags, Key = target };
            index.Messages[uid] = updated;
            return updated;
        }
    }

    public void Delete(string user, string mailbox, uint uid)
    {
        lock (_lock)
        {
            var index = IndexOf(user, mailbox);
            if (!index.Messages.Remove(uid, out var m)) return;
            File.Delete(m.Key);
        }
    }

    public uint UidValidity(string user, string mailbox)
    {
        lock (_lock) return IndexOf(user, mailbox).UidValidity;
    }

    public uint UidNext(string user, string mailbox)
    {
        lock (_lock) return IndexOf(user, mailbox).UidNext;
    }

    private MaildirIndex IndexOf(string user, string mailbox)
    {
        var key = (user.ToLowerInvariant(), mailbox);
        if (_indexes.TryGetValue(key, out var index)) return index;
        if (user.Length == 0 || user.IndexOfAny(['/', '\\', '\0']) >= 0 || user.StartsWith('.'))
            throw new ArgumentException("user name cannot be a path", nameof(user));
        var dir = Path.Combine(_root, key.Item1, "Maildir");
        if (mailbox != IMailStore.Inbox) dir = Path.Combine(dir, "." + mailbox);
        index = MaildirIndex.Load(dir);
        _indexes[key] = index;
        return index;
    }

    private static string SafeHostName()
    {
        var host = Environment.MachineName;
        return string.Concat(host.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' ? c : '_'));
    }
}
