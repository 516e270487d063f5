using MailSniffer.Core.Capture;

namespace MailSniffer.Decoders.Events;

public sealed record DnsQueryEvent(long Flow, CaptureTime Ts, int Id, string Name, string QType) : MailEvent(Flow, Ts);

/// <summary>
/// One answer record of a response (or a single record with RType null and Data null when the response has no answers,
/// e.g. NXDOMAIN). Rcode is the response code name (NOERROR, NXDOMAIN, SERVFAIL...).
/// </summary>
public sealed record DnsAnswerEvent(long Flow, CaptureTime Ts, int Id, string Name, string? RType, string? Data, string Rcode, int Ttl = 0, string Section = "answer")
    : MailEvent(Flow, Ts)
{
    /// <summary>When the matching query (same id, same flow) was seen; null if it was not captured.</summary>
    public CaptureTime? QueryTs { get; init; }
}
