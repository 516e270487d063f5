using MailSniffer.Decoders.Events;

namespace MailSniffer.Analysis.Timeline;

/// <summary>Reads the events of a flow for the few facts the timeline needs: names, login mechanism, envelope, replies, TLS.</summary>
internal static class FlowFactsRecorder
{
    private const int MaxRepliesPerMessage = 4;

    public static void Record(FlowFacts f, MailEvent e)
    {
        switch (e)
        {
            case SmtpCommandEvent c:
                OnSmtpCommand(f, c);
                break;
            case SmtpReplyEvent r:
                OnSmtpReply(f, r);
                break;
            case ImapCommandEvent c when c.Command.Equals("AUTHENTICATE", StringComparison.OrdinalIgnoreCase):
                f.AuthMechanism ??= FirstWord(c.Args)?.ToUpperInvariant();
                break;
            case ImapCommandEvent c when c.Command.Equals("LOGIN", StringComparison.OrdinalIgnoreCase):
                f.AuthMechanism ??= "LOGIN";
                break;
            case Pop3CommandEvent c when c.Verb.Equals("AUTH", StringComparison.OrdinalIgnoreCase) && c.Arg.Length > 0:
                f.AuthMechanism ??= FirstWord(c.Arg)?.ToUpperInvariant();
                break;
            case Pop3CommandEvent c when c.Verb.Equals("APOP", StringComparison.OrdinalIgnoreCase) || c.Verb.Equals("USER", StringComparison.OrdinalIgnoreCase):
                f.AuthMechanism ??= c.Verb.ToUpperInvariant();
                break;
            case TlsEvent t:
                if (!f.Encrypted)
                {
                    f.Encrypted = true;
                    f.TlsKind = t.Kind;
                    f.TlsTs = t.Ts;
                }
                break;
            case ProtocolDetectedEvent p:
                if (p.Protocol != "unknown") f.Protocol = p.Protocol;
                if (p.Protocol == "tls" && !f.Encrypted)
                {
                    f.Encrypted = true;
                    f.TlsKind = "implicit";
                    f.TlsTs = p.Ts;
                }
                break;
        }
    }

    private static void OnSmtpCommand(FlowFacts f, SmtpCommandEvent c)
    {
        switch (c.Verb)
        {
            case "HELO" or "EHLO" or "LHLO":
                f.Helo ??= FirstWord(c.Arg);
                break;
            case "AUTH":
                f.AuthMechanism ??= FirstWord(c.Arg)?.ToUpperInvariant();
                break;
            case "MAIL" or "RCPT":
                if (EnvelopeAddress(c.Arg) is { Length: > 0 } address && f.Addresses.Count < FlowFacts.MaxAddresses) f.Addresses.Add(address);
                break;
        }
    }

    private static void OnSmtpReply(FlowFacts f, SmtpReplyEvent r)
    {
        string first = r.Lines.Count > 0 ? r.Lines[0] : "";
        if (r.Code == 220 && f.ServerName == null) f.ServerName = FirstWord(first);
        if (f.AwaitingReply.Count == 0) return;
        var s = f.AwaitingReply[0];
        // The reply to a message comes at or after the end of its data; earlier replies belong to the commands before it.
        if (r.Ts < s.Record.Ts || r.Code == 354) return;
        s.RepliesSeen++;
        string text = string.Join(" ", r.Lines);
        s.ReplyCode ??= r.Code;
        s.ReplyText ??= $"{r.Code} {text}";
        if (r.Code / 100 == 2 && QueueIdParser.Parse(text) is { } id)
        {
            s.QueueId = id;
            s.ReplyCode = r.Code;
            s.ReplyText = $"{r.Code} {text}";
        }
        // BDAT chunk replies ("250 100 octets received") may come before the final one; give up after a few.
        if (s.QueueId != null || r.Code >= 400 || s.RepliesSeen >= MaxRepliesPerMessage) f.AwaitingReply.RemoveAt(0);
    }

    /// <summary>"FROM:&lt;a@b&gt; SIZE=10" → a@b.</summary>
    internal static string? EnvelopeAddress(string arg)
    {
        int lt = arg.IndexOf('<');
        if (lt < 0)
        {
            int colon = arg.IndexOf(':');
            return colon < 0 ? null : FirstWord(arg[(colon + 1)..]);
        }
        int gt = arg.IndexOf('>', lt + 1);
        return gt < 0 ? arg[(lt + 1)..].Trim() : arg[(lt + 1)..gt].Trim();
    }

    internal static string? FirstWord(string? s)
    {
        if (string.IsNullOrWhiteSpace(s)) return null;
        s = s.Trim();
        int space = s.IndexOfAny([' ', '\t']);
        return space < 0 ? s : s[..space];
    }
}
