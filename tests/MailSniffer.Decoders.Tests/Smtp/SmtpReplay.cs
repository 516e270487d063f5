using MailSniffer.Decoders.Events;
using MailSniffer.Decoders.Smtp;
using MailSniffer.Decoders.Tests.Support;

namespace MailSniffer.Decoders.Tests.Smtp;

/// <summary>SMTP transcripts through a fresh decoder, whole, byte by byte and cut at random points (import with <c>using static</c>).</summary>
internal static class SmtpReplay
{
    /// <summary>Asserts that every splitting gives the same events and returns them.</summary>
    public static List<MailEvent> Decode(Transcript t) =>
        TranscriptReplay.AssertSplitInvariant(sink => new SmtpDecoder(TestFlows.Context(), sink), t);
}
