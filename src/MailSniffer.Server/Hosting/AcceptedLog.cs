namespace MailSniffer.Server.Hosting;

/// <summary>A message an SMTP server acknowledged with 250; the body hash covers the bytes as the client sent them (unstuffed, before our Received header).</summary>
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
    long Size,
    string BodySha256,
    long BodySize);
