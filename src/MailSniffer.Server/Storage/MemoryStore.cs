namespace MailSniffer.Server.Storage;

/// <summary>Mailboxes held in memory, for demos and tests; nothing survives the process.</summary>
public sealed class MemoryStore : IMailStore
{
    private readonly object _lock = new();
    private readonly Dictionary<(string, string), Box> _boxes = new();
    private readonly uint _validity = (uint)DateTimeOffset.UtcNow.ToUnixTimeSeconds();

    public event Action<string, string>? MailboxChanged;

    public Task<StoredMessage> AppendAsync(string user, string mailbox, ReadOnlyMemory<byte> content, MessageFlags flags, DateTimeOffset internalDate, CancellationToken ct)
    {
        StoredMessage stored;
        lock (_lock)
        {
            var box = BoxOf(user, mailbox);
            var uid = box.UidNext++;
            stored = new StoredMessage(uid, content.Length, flags, internalDate, uid.ToString(System.Globalization.CultureInfo.InvariantCulture));
            box.Messages[uid] = (stored, content.ToArray());
        }
        MailboxChanged?.Invoke(user, mailbox);
        return Task.FromResult(stored);
    }

    public IReadOnlyList<StoredMessage> List(string user, string mailbox)
    {
        lock (_lock) return BoxOf(user, mailbox).Messages.Values.Select(v => v.Meta).ToList();
    }

    public byte[] Read(string user, string mailbox, uint uid)
    {
        lock (_lock) return BoxOf(user, mailbox).Messages.TryGetValue(uid, out var v) ? v.Content : throw new KeyNotFoundException($"no message {uid}");
    }

    public StoredMessage? SetFlags(string user, string mailbox, uint uid, MessageFlags flags)
    {
        lock (_lock)
        {
            var box = BoxOf(user, mailbox);
            if (!box.Messages.TryGetValue(uid, out var v)) return null;
            var meta = v.Meta with { Flags = flags };
            box.Messages[uid] = (meta, v.Content);
            return meta;
        }
    }

    public void Delete(string user, string mailbox, uint uid)
    {
        lock (_lock) BoxOf(user, mailbox).Messages.Remove(uid);
    }

    public uint UidValidity(string user, string mailbox) => _validity;

    public uint UidNext(string user, string mailbox)
    {
        lock (_lock) return BoxOf(user, mailbox).UidNext;
    }

    private Box BoxOf(string user, string mailbox)
    {
        var key = (user.ToLowerInvariant(), mailbox);
        if (!_boxes.TryGetValue(key, out var box)) _boxes[key] = box = new Box();
        return box;
    }

    private sealed class Box
    {
        public uint UidNext = 1;
        public readonly SortedDictionary<uint, (StoredMessage Meta, byte[] Content)> Messages = new();
    }
}
