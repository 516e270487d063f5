using MailSniffer.Analysis.Model;

namespace MailSniffer.Analysis.Timeline;

/// <summary>One copy of a message seen on the wire, with what the timeline worked out about it.</summary>
internal sealed class MessageSighting
{
    public MessageSighting(MessageRecord record, MessageFingerprint fingerprint, FlowFacts flow)
    {
        Record = record;
        Fingerprint = fingerprint;
        Flow = flow;
    }

    public MessageRecord Record { get; }
    public MessageFingerprint Fingerprint { get; }
    public FlowFacts Flow { get; }
    public int RepliesSeen { get; set; }
    public int? ReplyCode { get; set; }
    public string? ReplyText { get; set; }
    public string? QueueId { get; set; }

    /// <summary>A whole copy whose fingerprint can be compared with others (not TOP, not a header fetch, not cut by a gap).</summary>
    public bool Whole => Record.Complete && !Record.Partial && Fingerprint.Fingerprint != null;

    public string? MessageId => Record.Summary.MessageId;
}
