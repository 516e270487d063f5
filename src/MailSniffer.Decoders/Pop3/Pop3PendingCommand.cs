using MailSniffer.Decoders.Sasl;

namespace MailSniffer.Decoders.Pop3;

/// <summary>A command sent and not yet answered (POP3 PIPELINING, RFC 2449, allows several in flight).</summary>
internal sealed class Pop3PendingCommand(Pop3CommandKind kind)
{
    public Pop3CommandKind Kind { get; } = kind;
    public string? Username { get; init; }
    public string? Password { get; init; }
    public string? Digest { get; init; }
    public long? MessageNumber { get; init; }
    public SaslExchange? Auth { get; init; }
}
