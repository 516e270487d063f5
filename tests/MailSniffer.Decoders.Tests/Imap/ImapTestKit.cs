using MailSniffer.Decoders.Events;
using MailSniffer.Decoders.Imap;
using MailSniffer.Decoders.Tests.Support;

namespace MailSniffer.Decoders.Tests.Imap;

internal static class ImapTestKit
{
    public static IStreamDecoder Create(FlowContext flow, IMailEventSink sink) => new ImapDecoder(flow, sink);

    /// <summary>Replays with every split and returns the events of the whole-turn run.</summary>
    public static List<MailEvent> Replay(params ImapTranscriptTurn[] turns) => ImapTranscriptReplay.AssertSplitInvariant(Create, turns);

    public static List<T> Of<T>(this List<MailEvent> events) => events.OfType<T>().ToList();

    public static string Text(this MessageEvent m) => System.Text.Encoding.UTF8.GetString(m.Content.ToArray());
}
