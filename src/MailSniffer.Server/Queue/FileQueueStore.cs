using System.Text.Json;
using MailSniffer.Server.Storage;

namespace MailSniffer.Server.Queue;

/// <summary>
/// Queue on disk: id.eml holds the bytes, id.json the envelope. The envelope is written last, so its
/// presence marks a complete entry; an .eml without one was never acknowledged and is removed.
/// </summary>
public sealed class FileQueueStore : IQueueStore
{
    private readonly string _dir;
    private readonly string _tmp;

    public FileQueueStore(string directory)
    {
        _dir = directory;
        _tmp = Path.Combine(directory, "tmp");
        Directory.CreateDirectory(_tmp);
    }

    public async Task AddAsync(QueuedMessage message, CancellationToken ct)
    {
        await DurableFile.WriteAsync(Path.Combine(_tmp, message.Id + ".eml"), EmlPath(message), message.Content, ct);
        Update(message);
    }

    public void Update(QueuedMessage message) =>
        DurableFile.Write(Path.Combine(_tmp, message.Id + ".json"), JsonPath(message), JsonSerializer.SerializeToUtf8Bytes(message));

    public void Remove(QueuedMessage message)
    {
        File.Delete(JsonPath(message));
        DirectorySync.Sync(_dir);
        File.Delete(EmlPath(message));
    }

    public IReadOnlyList<QueuedMessage> LoadAll()
    {
        foreach (var stale in Directory.EnumerateFiles(_tmp)) File.Delete(stale);
        var result = new List<QueuedMessage>();
        foreach (var eml in Directory.EnumerateFiles(_dir, "*.eml"))
        {
            var json = Path.ChangeExtension(eml, ".json");
            if (!File.Exists(json))
            {
                File.Delete(eml);
                continue;
            }
            var message = JsonSerializer.Deserialize<QueuedMessage>(File.ReadAllBytes(json));
            if (message is null) continue;
            message.Content = File.ReadAllBytes(eml);
            result.Add(message);
        }
        return result.OrderBy(m => m.CreatedUtc).ToList();
    }

    private string EmlPath(QueuedMessage m) => Path.Combine(_dir, m.Id + ".eml");
    private string JsonPath(QueuedMessage m) => Path.Combine(_dir, m.Id + ".json");
}
