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
    CaptureProgress Progress,
    Func<long, byte[]?>? MessageBytes = null)
{
    /// <summary>The raw message (for saving as .eml), when it was small enough to keep; by message index.</summary>
    public byte[]? BytesOf(long index) => MessageBytes?.Invoke(index);

    public static readonly CaptureSnapshot Empty = new(Array.Empty<ConversationRow>(), Array.Empty<MessageRecord>(),
        Array.Empty<Credential>(), Array.Empty<DnsLookup>(), Array.Empty<Journey>(), CaptureProgress.Starting);
}
