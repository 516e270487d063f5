namespace MailSniffer.Analysis.Model;

/// <summary>One resource record of a response. Section is answer, authority or additional.</summary>
public sealed record DnsAnswer(string Name, string RType, string Data, int Ttl, string Section);
