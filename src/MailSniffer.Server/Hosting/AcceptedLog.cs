namespace MailSniffer.Server.Hosting;

/// <summary>A message an SMTP server acknowledged with 250.</summary>
public sealed record AcceptedLog(
    DateTimeOffset Time,
    string Host,
    string ServerEndPoint,
    string ClientEndPoint,
    string? MessageId,
    string Sender,
    IReadOnlyList<string> Recipients,
    string? AuthenticatedUser,
    string? Mechanism,
    bool Tls,
    long Size);
