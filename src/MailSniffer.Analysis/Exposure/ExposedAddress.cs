namespace MailSniffer.Analysis.Exposure;

/// <summary>An e-mail address seen in clear text, and the flows it crossed on.</summary>
public sealed record ExposedAddress(string Address, IReadOnlyList<long> Flows);
