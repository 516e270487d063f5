using MailSniffer.Analysis.Model;

namespace MailSniffer.Tui.Data;

/// <summary>A copy of one conversation taken on the capture thread, so the UI never reads a model object while it changes.</summary>
public sealed record ConversationRow(long Id, string Protocol, string Client, string Server, string? User, bool Encrypted,
    string? TlsKind, bool IsTcp, bool HandshakeSeen, int Gaps, long Packets, long Bytes, int Messages, int Credentials,
    double StartSeconds, DateTime Start, bool Ended, IReadOnlyList<TranscriptLine> Transcript, long TranscriptOmitted,
    bool TranscriptCutForMemory = false)
{
    /// <summary>clear, encrypted, gap or incomplete: what a reader can trust about this conversation's text.</summary>
    public string State => Encrypted ? "encrypted" : Gaps > 0 ? "gap" : IsTcp && !HandshakeSeen ? "incomplete" : "clear";

    /// <summary>Secrets or mail crossed in clear text: the rows a security team looks at first.</summary>
    public bool Exposed => !Encrypted && (Credentials > 0 || Messages > 0);
}
