namespace MailSniffer.Server.Queue;

/// <summary>Where queued messages live between acceptance and relay. Add is durable before it returns.</summary>
public interface IQueueStore
{
    Task AddAsync(QueuedMessage message, CancellationToken ct);
    void Update(QueuedMessage message);
    void Remove(QueuedMessage message);
    IReadOnlyList<QueuedMessage> LoadAll();
}
