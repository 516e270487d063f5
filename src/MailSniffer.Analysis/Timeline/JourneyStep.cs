using MailSniffer.Core.Capture;

namespace MailSniffer.Analysis.Timeline;

/// <summary>
/// One step of a message's journey. Strings are as decoded from the wire or from headers, not sanitised: views
/// sanitise. Endpoints are "ip:port" for steps seen on the wire; a claimed step may only know host names.
/// </summary>
public sealed class JourneyStep
{
    public required JourneyStepKind Kind { get; init; }
    public required CaptureTime Ts { get; set; }
    /// <summary>False for claimed steps whose time came from a Received header's date (second precision, sender's clock) or was not given.</summary>
    public bool TsFromWire { get; init; } = true;
    /// <summary>smtp, pop3, imap, dns.</summary>
    public required string Protocol { get; init; }
    public string? Client { get; init; }
    public string? Server { get; init; }
    /// <summary>Host names known for the endpoints (HELO, greeting, DNS answers, Received headers).</summary>
    public string? ClientName { get; set; }
    public string? ServerName { get; set; }
    /// <summary>Capture flow id; null for claimed steps.</summary>
    public long? Flow { get; init; }
    public bool Encrypted { get; init; }
    /// <summary>starttls or implicit when the step was encrypted on the wire; for claimed steps, what the header says (e.g. "ESMTPS").</summary>
    public string? TlsKind { get; init; }
    public string? User { get; set; }
    /// <summary>SASL mechanism or login command (PLAIN, LOGIN, CRAM-MD5, USER, APOP...).</summary>
    public string? AuthMechanism { get; set; }
    /// <summary>How the message crossed: DATA, BDAT, RETR, TOP, FETCH BODY[], APPEND; "with" of a Received header.</summary>
    public string? Source { get; init; }
    public string? Mailbox { get; init; }
    public string? MailFrom { get; init; }
    public IReadOnlyList<string> RcptTo { get; init; } = Array.Empty<string>();
    /// <summary>The server's id for the message, from its reply ("queued as ...") or the Received header it added.</summary>
    public string? QueueId { get; set; }
    /// <summary>The final SMTP reply to the message (code and text), when seen.</summary>
    public string? Reply { get; set; }
    /// <summary>The Received header this hop added (unfolded), when a later copy shows it.</summary>
    public string? Received { get; set; }
    /// <summary>For dns steps: the question ("MX b.test") and the answers ("10 mx.b.test").</summary>
    public string? Query { get; init; }
    public IReadOnlyList<string> Answers { get; init; } = Array.Empty<string>();
    /// <summary>For dns steps: the relay step (index in <see cref="Journey.Steps"/>) this look-up led to.</summary>
    public int? LinkedStep { get; set; }
    /// <summary>Whether the message content was seen on this step (false for encrypted or DNS steps).</summary>
    public bool ContentSeen { get; init; }
    /// <summary>True when the step carried only part of the message (TOP, header fetch) or was cut by a gap.</summary>
    public bool PartialContent { get; init; }
    /// <summary>high, medium or low when the step was attached to the journey by inference rather than by content.</summary>
    public string? Confidence { get; set; }
    /// <summary>Why the step belongs here and what it is based on; one sentence each.</summary>
    public List<string> Evidence { get; } = new();

    /// <summary>The copy of the message this step carried, when its content was seen.</summary>
    internal MessageSighting? Sighting { get; init; }
    internal FlowFacts? FlowFacts { get; init; }
    /// <summary>Breaks ties in time order: claimed steps keep their Received chain order (older first) and come before the copy that carried them.</summary>
    internal int Order { get; init; }
    /// <summary>For dns steps while building: the step the look-up led to (becomes <see cref="LinkedStep"/>).</summary>
    internal JourneyStep? LinkedTo { get; set; }

    internal System.Net.IPAddress? ClientAddress => FlowFacts?.Flow?.Client.Address;
    internal int? ClientPort => FlowFacts?.Flow?.Client.Port;
    internal System.Net.IPAddress? ServerAddress => FlowFacts?.Flow?.Server.Address;
}
