namespace MailSniffer.Server.Queue;

/// <summary>Queue kept in memory for demos: nothing to load at start.</summary>
public sealed class MemoryQueueStore : IQueueStore
{
    public Task AddAsync(QueuedMessage message, CancellationToken ct) => Task.CompletedTask;
    public void Update(QueuedMessage message) { }
    public void Remove(QueuedMessage message) { }
    public IReadOnlyList<QueuedMessage> LoadAll() => [];
}
