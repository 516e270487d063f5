namespace MailSniffer.Server.Hosting;

/// <summary>One question the DNS server answered.</summary>
public sealed record DnsQueryLog(DateTimeOffset Time, string Client, string Name, string Type, IReadOnlyList<string> Answers, string ReturnCode);
