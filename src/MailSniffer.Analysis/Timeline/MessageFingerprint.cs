namespace MailSniffer.Analysis.Timeline;

/// <summary>What the timeline needs from a message's bytes: a content fingerprint that survives relaying and retrieval, and the Received chain.</summary>
/// <param name="Fingerprint">Lowercase hex SHA-256; null when the bytes could not be read.</param>
/// <param name="Received">Top (newest) first, at most <see cref="MessageFingerprinter.MaxReceived"/>.</param>
public sealed record MessageFingerprint(string? Fingerprint, IReadOnlyList<ReceivedHeader> Received)
{
    public static readonly MessageFingerprint None = new(null, Array.Empty<ReceivedHeader>());
}
