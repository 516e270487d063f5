using MailSniffer.Decoders.Events;

namespace MailSniffer.Decoders;

/// <summary>Where decoders put what they recognise. Implemented by the model layer and by tests (a list).</summary>
public interface IMailEventSink
{
    void Emit(MailEvent e);
}

/// <summary>Collects events in order; used by tests and by small tools.</summary>
public sealed class ListEventSink : IMailEventSink
{
    public List<MailEvent> Events { get; } = new();
    public void Emit(MailEvent e) => Events.Add(e);
}
