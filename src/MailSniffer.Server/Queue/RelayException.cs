namespace MailSniffer.Server.Queue;

/// <summary>A relay attempt failed; permanent failures bounce at once, others are retried.</summary>
public sealed class RelayException(string message, bool permanent) : Exception(message)
{
    public bool Permanent { get; } = permanent;
}
