using System.Globalization;

namespace MailSniffer.Server.Storage;

/// <summary>What one Maildir folder holds, rebuilt from its file names at first use.</summary>
internal sealed class MaildirIndex
{
    private MaildirIndex(string directory) => Directory = directory;

    public string Directory { get; }
    public SortedDictionary<uint, StoredMessage> Messages { get; } = new();
    public uint UidNext { get; set; } = 1;
    public uint UidValidity { get; private set; }

    public void Add(StoredMessage m)
    {
        Messages[m.Uid] = m;
        if (m.Uid >= UidNext) UidNext = m.Uid + 1;
    }

    public static MaildirIndex Load(string directory)
    {
        foreach (var sub in new[] { "tmp", "new", "cur" })
            System.IO.Directory.CreateDirectory(Path.Combine(directory, sub));
        var index = new MaildirIndex(directory);
        var validityFile = Path.Combine(directory, ".uidvalidity");
        if (File.Exists(validityFile) && uint.TryParse(File.ReadAllText(validityFile).Trim(), CultureInfo.InvariantCulture, out var v))
        {
            index.UidValidity = v;
        }
        else
        {
            index.UidValidity = (uint)DateTimeOffset.UtcNow.ToUnixTimeSeconds();
            DurableFile.Write(validityFile + ".tmp", validityFile, System.Text.Encoding.ASCII.GetBytes(index.UidValidity.ToString(CultureInfo.InvariantCulture)));
        }
        var uidNextFile = Path.Combine(directory, ".uidnext");
        if (File.Exists(uidNextFile) && uint.TryParse(File.ReadAllText(uidNextFile).Trim(), CultureInfo.InvariantCulture, out var next))
            index.UidNext = next;
        foreach (var sub in new[] { "new", "cur" })
        {
            foreach (var path in System.IO.Directory.EnumerateFiles(Path.Combine(directory, sub)))
            {
                var name = Path.GetFileName(path);
                var dot = name.IndexOf('.');
                if (dot <= 0 || !uint.TryParse(name.AsSpan(0, dot), CultureInfo.InvariantCulture, out var uid) || uid == 0) continue;
                var info = new FileInfo(path);
                index.Add(new StoredMessage(uid, info.Length, MaildirInfo.Parse(name), new DateTimeOffset(info.LastWriteTimeUtc), path));
            }
        }
        // Half-written deliveries were never acknowledged; drop them.
        foreach (var stale in System.IO.Directory.EnumerateFiles(Path.Combine(directory, "tmp")))
            File.Delete(stale);
        return index;
    }
}
