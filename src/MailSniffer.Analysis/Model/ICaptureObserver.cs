using MailSniffer.Decoders.Events;
using MailSniffer.Decoders.Messages;

namespace MailSniffer.Analysis.Model;

/// <summary>
/// Told by <see cref="CaptureModel"/> about everything as it happens, so that views can stream instead of waiting for
/// the end of the capture. All methods have empty defaults; implement only what you need.
/// </summary>
public interface ICaptureObserver
{
    void FlowStarted(Conversation conversation) { }

    /// <summary>A decoder event other than a message or a credential (those arrive through their own methods).</summary>
    void EventSeen(MailEvent e, Conversation conversation) { }

    /// <summary>A message, already summarised. <paramref name="content"/> is valid only during the call.</summary>
    void MessageSeen(MessageRecord message, MessageContent content) { }

    /// <summary>A credential, de-duplicated within its flow; reported when the flow ends.</summary>
    void CredentialSeen(Credential credential) { }

    void DnsLookupCompleted(DnsLookup lookup) { }

    void FlowEnded(Conversation conversation) { }

    void Completed() { }
}
