namespace MailSniffer.Server.Hosting;

/// <summary>One look-up the outbound queue made, as recorded for the demo's ground truth.</summary>
public sealed record DnsLookup(DateTimeOffset Time, string Name, string Type, IReadOnlyList<string> Answers);
