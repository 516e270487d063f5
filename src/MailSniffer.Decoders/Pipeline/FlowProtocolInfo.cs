namespace MailSniffer.Decoders.Pipeline;

/// <summary>What the host concluded about one flow: its protocol, why, and whether it went encrypted (STARTTLS or implicit TLS).</summary>
public sealed record FlowProtocolInfo(long FlowId, string Protocol, string Evidence, bool Encrypted);
