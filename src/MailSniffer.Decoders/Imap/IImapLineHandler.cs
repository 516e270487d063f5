using MailSniffer.Core.Capture;
using MailSniffer.Core.Flows;

namespace MailSniffer.Decoders.Imap;

/// <summary>What an <see cref="ImapStreamReader"/> reports to the decoder that owns it.</summary>
internal interface IImapLineHandler
{
    /// <summary>A literal begins; the line so far (with the marker, without the literal) is in <paramref name="line"/>. Decide where its bytes go.</summary>
    ImapLiteral OnLiteralStart(Direction direction, ImapLine line, long size, bool synchronizing, CaptureTime timestamp);

    /// <summary>A logical line is complete (or broken by a gap / the end, see <see cref="ImapLine.Broken"/>).</summary>
    void OnLine(Direction direction, ImapLine line, CaptureTime timestamp);

    void OnAnomaly(string reason, CaptureTime timestamp);
}
