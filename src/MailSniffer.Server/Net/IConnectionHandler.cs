namespace MailSniffer.Server.Net;

/// <summary>Runs one protocol session on an accepted connection.</summary>
public interface IConnectionHandler
{
    /// <summary>Protocol name for logs and narration.</summary>
    string Protocol { get; }

    Task HandleAsync(LineConnection connection);

    /// <summary>What to send before closing a connection turned away by the connection limit.</summary>
    string BusyReply { get; }

    /// <summary>What to send before closing an idle connection.</summary>
    string TimeoutReply { get; }
}
