using MailSniffer.Analysis.Model;
using MailSniffer.Core.Capture;
using MailSniffer.Core.Flows;

namespace MailSniffer.Analysis.Timeline;

/// <summary>What the timeline remembers about one mail flow: who spoke, what names they gave, how they logged in, whether it was encrypted.</summary>
internal sealed class FlowFacts
{
    public const int MaxCredentials = 16;
    public const int MaxAddresses = 256;

    public FlowFacts(long id) => Id = id;

    public long Id { get; }
    public FlowInfo? Flow { get; set; }
    public string Protocol { get; set; } = "unknown";
    public bool Encrypted { get; set; }
    public string? TlsKind { get; set; }
    public CaptureTime? TlsTs { get; set; }
    /// <summary>HELO/EHLO argument: the name the client gave itself.</summary>
    public string? Helo { get; set; }
    /// <summary>First word of the server's greeting or EHLO reply: the name the server gave itself.</summary>
    public string? ServerName { get; set; }
    public string? AuthMechanism { get; set; }
    public string? User { get; set; }
    public List<Credential> Credentials { get; } = new();
    /// <summary>Envelope addresses (MAIL FROM / RCPT TO) that crossed in clear text.</summary>
    public HashSet<string> Addresses { get; } = new(StringComparer.OrdinalIgnoreCase);
    public int Sightings { get; set; }
    /// <summary>SMTP messages on this flow still waiting for the server's final reply.</summary>
    public List<MessageSighting> AwaitingReply { get; } = new();
    public bool Ended { get; set; }

    public bool IsMailProtocol => Protocol is "smtp" or "pop3" or "imap"
        || (Flow?.Server.Port is 25 or 465 or 587 or 110 or 995 or 143 or 993 && Protocol is "tls" or "unknown");

    public bool Matters => Sightings > 0 || Credentials.Count > 0 || IsMailProtocol;

    public string? ClientText => Flow?.Client.ToString();
    public string? ServerText => Flow?.Server.ToString();
}
