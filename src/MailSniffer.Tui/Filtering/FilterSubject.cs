namespace MailSniffer.Tui.Filtering;

/// <summary>What a row offers to the filter: every view describes its rows in these same terms.</summary>
public sealed record FilterSubject(string? Protocol, IReadOnlyList<string> Hosts, string? User, IReadOnlyList<string> Addresses, string Text);
