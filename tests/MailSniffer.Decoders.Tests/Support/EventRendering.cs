using System.Globalization;
using MailSniffer.Decoders.Events;

namespace MailSniffer.Decoders.Tests.Support;

/// <summary>A canonical one-line rendering of events, including message SHA-256s, to compare event sequences.</summary>
public static class EventRendering
{
    public static string Render(MailEvent e) => e switch
    {
        MessageEvent m => string.Create(CultureInfo.InvariantCulture,
            $"Message flow={m.Flow} ts={m.Ts.UnixNanoseconds} start={m.StartTs?.UnixNanoseconds} {m.Protocol} {m.Source} {m.Direction} len={m.Content.Length} sha={m.Content.Sha256Hex} complete={m.Complete} partial={m.Partial} from={m.MailFrom} rcpt=[{string.Join(",", m.RcptTo ?? [])}] user={m.User} seq={m.SequenceNumber}"),
        SmtpReplyEvent r => $"SmtpReply ts={r.Ts.UnixNanoseconds} {r.Code} [{string.Join("|", r.Lines)}]",
        _ => e.ToString(),
    };

    public static List<string> RenderAll(IEnumerable<MailEvent> events) => events.Select(Render).ToList();
}
