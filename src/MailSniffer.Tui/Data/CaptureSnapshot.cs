using MailSniffer.Analysis.Model;
using MailSniffer.Analysis.Timeline;

namespace MailSniffer.Tui.Data;

/// <summary>Everything the views show at one moment; immutable once taken.</summary>
public sealed record CaptureSnapshot(
    IReadOnlyList<ConversationRow> Conversations,
    IReadOnlyList<MessageRecord> Messages,
    IReadOnlyList<Credential> Credentials,
    IReadOnlyList<DnsLookup> DnsLookups,
    IReadOnlyList<Journey> Journeys,
    CaptureProgress Progress)
{
    public static readonly CaptureSnapshot Empty = new(Array.Empty<ConversationRow>(), Array.Empty<MessageRecord>(),
        Array.Empty<Credential>(), Array.Empty<DnsLookup>(), Array.Empty<Journey>(), CaptureProgress.Starting);
}
