using MailSniffer.Core.Capture;

namespace MailSniffer.Decoders.Events;

/// <summary>A client command. Args is the rest of the command with literals replaced by "{n}" markers (their bytes are elsewhere).</summary>
public sealed record ImapCommandEvent(long Flow, CaptureTime Ts, string Tag, string Command, string Args) : MailEvent(Flow, Ts);

/// <summary>A server response: Tag is "*" for untagged, "+" for continuation, else the command's tag. Status is OK/NO/BAD/BYE/PREAUTH or the untagged keyword (EXISTS, FETCH, CAPABILITY...).</summary>
public sealed record ImapResponseEvent(long Flow, CaptureTime Ts, string Tag, string Status, string Text) : MailEvent(Flow, Ts);
