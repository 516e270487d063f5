namespace MailSniffer.Server.Queue;

/// <summary>A message waiting for relay; <see cref="Recipients"/> shrinks as domains accept it.</summary>
public sealed class QueuedMessage
{
    public string Id { get; set; } = "";
    public string Sender { get; set; } = "";
    public List<string> Recipients { get; set; } = [];
    public int Attempts { get; set; }
    public DateTimeOffset CreatedUtc { get; set; }
    public DateTimeOffset NextAttemptUtc { get; set; }
    public string? LastError { get; set; }
    public string? MessageId { get; set; }

    [System.Text.Json.Serialization.JsonIgnore]
    public byte[] Content { get; set; } = [];
}
