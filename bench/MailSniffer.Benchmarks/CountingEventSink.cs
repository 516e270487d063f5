using MailSniffer.Decoders;
using MailSniffer.Decoders.Events;

namespace MailSniffer.Benchmarks;

/// <summary>Counts message events and drops their contents, as the model would once done with them.</summary>
internal sealed class CountingEventSink : IMailEventSink
{
    public long Messages;

    public void Emit(MailEvent e)
    {
        if (e is not MessageEvent m) return;
        Messages++;
        m.Content.Dispose();
    }
}
