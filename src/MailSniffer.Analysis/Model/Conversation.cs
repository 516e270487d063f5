using MailSniffer.Core.Capture;
using MailSniffer.Core.Flows;

namespace MailSniffer.Analysis.Model;

/// <summary>What one flow amounted to: protocol, encryption, who logged in, counts, and the first lines of its transcript.</summary>
public sealed class Conversation
{
    private readonly List<TranscriptLine> _transcript = new();
    private readonly int _maxTranscriptLines;

    internal Conversation(long id, FlowInfo? flow, int maxTranscriptLines)
    {
        Id = id;
        Flow = flow;
        _maxTranscriptLines = maxTranscriptLines;
    }

    public long Id { get; }

    /// <summary>Null when events arrived for a flow the model was never told about.</summary>
    public FlowInfo? Flow { get; internal set; }

    /// <summary>smtp, pop3, imap, dns, tls or unknown.</summary>
    public string Protocol { get; internal set; } = "unknown";
    public string? ProtocolEvidence { get; internal set; }
    public bool Encrypted { get; internal set; }
    /// <summary>starttls or implicit, when encrypted.</summary>
    public string? TlsKind { get; internal set; }
    public CaptureTime? TlsTs { get; internal set; }
    public string? User { get; internal set; }
    public int Commands { get; internal set; }
    public int Replies { get; internal set; }
    public int Messages { get; internal set; }
    public int Credentials { get; internal set; }
    public int Anomalies { get; internal set; }
    public int DnsQueries { get; internal set; }
    public bool Ended { get; internal set; }

    public IReadOnlyList<TranscriptLine> Transcript => _transcript;
    /// <summary>Transcript lines seen but not kept (beyond the retention limit).</summary>
    public long TranscriptOmitted { get; private set; }

    /// <summary>Characters kept per transcript line: enough to read it, not enough to hoard a hostile 1 MB line.</summary>
    internal const int MaxTranscriptChars = 1024;

    internal void AddTranscript(TranscriptLine line)
    {
        if (_transcript.Count >= _maxTranscriptLines) { TranscriptOmitted++; return; }
        if (line.Text.Length > MaxTranscriptChars) line = line with { Text = line.Text[..MaxTranscriptChars] + "..." };
        _transcript.Add(line);
    }

    /// <summary>Credentials of this open flow awaiting de-duplication; reported and dropped when the flow ends.</summary>
    internal Dictionary<CredentialKey, Credential> PendingCredentials { get; } = new();

    public string ClientText => Flow?.Client.ToString() ?? "?";
    public string ServerText => Flow?.Server.ToString() ?? "?";
}
