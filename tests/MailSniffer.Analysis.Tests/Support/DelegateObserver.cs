using MailSniffer.Analysis.Model;
using MailSniffer.Decoders.Events;
using MailSniffer.Decoders.Messages;

namespace MailSniffer.Analysis.Tests.Support;

internal sealed class DelegateObserver : ICaptureObserver
{
    public Action<MessageRecord, MessageContent>? OnMessage { get; init; }
    public Action<Credential>? OnCredential { get; init; }
    public Action<DnsLookup>? OnLookup { get; init; }
    public Action<Conversation>? OnFlowEnded { get; init; }
    public Action<MailEvent>? OnEvent { get; init; }
    public Action? OnCompleted { get; init; }

    public void MessageSeen(MessageRecord message, MessageContent content) => OnMessage?.Invoke(message, content);
    public void CredentialSeen(Credential credential) => OnCredential?.Invoke(credential);
    public void DnsLookupCompleted(DnsLookup lookup) => OnLookup?.Invoke(lookup);
    public void FlowEnded(Conversation conversation) => OnFlowEnded?.Invoke(conversation);
    public void EventSeen(MailEvent e, Conversation conversation) => OnEvent?.Invoke(e);
    public void Completed() => OnCompleted?.Invoke();
}
