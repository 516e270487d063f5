namespace MailSniffer.Server.Hosting;

/// <summary>One relay attempt by an outbound queue to a remote MX.</summary>
public sealed record RelayLog(
    string FromHost,
    string FromEndPoint,
    string ToHost,
    string ToEndPoint,
    string? MessageId,
    string Sender,
    IReadOnlyList<string> Recipients,
    IReadOnlyList<DnsLookup> Lookups,
    DateTimeOffset Started,
    DateTimeOffset Finished,
    bool Succeeded,
    string Result);
