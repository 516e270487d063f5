using System.Text;
using MailSniffer.Analysis.Timeline;

namespace MailSniffer.Analysis.Views.Timeline;

/// <summary>One step told as a sentence a student can read. Returns raw text; callers sanitise.</summary>
internal static class StepSentence
{
    public static string For(JourneyStep s, IReadOnlyList<JourneyStep> steps)
    {
        var sb = new StringBuilder();
        string protocol = s.Protocol.ToUpperInvariant();
        switch (s.Kind)
        {
            case JourneyStepKind.Submission:
                sb.Append($"{HostLabel.Client(s)} submits to {HostLabel.Server(s)} by {protocol}");
                Auth(sb, s);
                Protection(sb, s);
                Envelope(sb, s);
                break;
            case JourneyStepKind.Relay:
                sb.Append($"{HostLabel.Client(s)} relays to {HostLabel.Server(s)} by {protocol}");
                Auth(sb, s);
                Protection(sb, s);
                Envelope(sb, s);
                break;
            case JourneyStepKind.Dns:
                sb.Append($"{HostLabel.Client(s)} asks DNS {s.Server ?? "?"}: {s.Query} -> {string.Join(", ", s.Answers)}");
                if (s.LinkedStep is { } linked) sb.Append($" (for step {linked + 1})");
                break;
            case JourneyStepKind.Retrieval:
                sb.Append($"{s.User ?? "someone"} at {HostLabel.Client(s)} reads it from {HostLabel.Server(s)} by {protocol} {s.Source}");
                if (s.Mailbox != null) sb.Append($" in mailbox {s.Mailbox}");
                if (s.PartialContent) sb.Append(" (part of it)");
                Auth(sb, s, withUser: false);
                Protection(sb, s);
                break;
            case JourneyStepKind.Upload:
                sb.Append($"{s.User ?? "someone"} at {HostLabel.Client(s)} uploads it to {HostLabel.Server(s)} by {protocol} {s.Source}");
                if (s.Mailbox != null) sb.Append($" into mailbox {s.Mailbox}");
                Protection(sb, s);
                break;
            default:
                sb.Append($"claimed by a Received header, not seen on the wire: {HostLabel.Client(s)} hands it to {s.ServerName ?? "an unnamed host"}");
                if (s.Source != null) sb.Append($" with {s.Source}");
                if (s.User != null) sb.Append($", authenticated as {s.User}");
                if (s.Encrypted) sb.Append(", over TLS");
                break;
        }
        if (s.QueueId != null) sb.Append($" — queued as {s.QueueId}");
        if (s.Reply != null && s.QueueId == null) sb.Append($" — reply {(s.Reply.Length > 80 ? s.Reply[..79] + "…" : s.Reply)}");
        if (s.Confidence != null && s.Kind != JourneyStepKind.Dns) sb.Append($" [linked by inference, confidence {s.Confidence}]");
        return sb.ToString();
    }

    private static void Auth(StringBuilder sb, JourneyStep s, bool withUser = true)
    {
        if (s.AuthMechanism != null) sb.Append(s.Protocol == "smtp" ? $", AUTH {s.AuthMechanism}" : $", login {s.AuthMechanism}");
        if (withUser && s.User != null) sb.Append(s.AuthMechanism != null ? $" as {s.User}" : $", authenticated as {s.User}");
    }

    private static void Protection(StringBuilder sb, JourneyStep s)
    {
        if (s.Encrypted) sb.Append($", encrypted ({(s.TlsKind == "starttls" ? "STARTTLS" : "implicit TLS")}) — contents not seen");
        else sb.Append(", clear text");
    }

    private static void Envelope(StringBuilder sb, JourneyStep s)
    {
        if (s.MailFrom == null && s.RcptTo.Count == 0) return;
        sb.Append($", MAIL FROM <{s.MailFrom}>");
        if (s.RcptTo.Count > 0) sb.Append($" RCPT TO {string.Join(", ", s.RcptTo.Take(5).Select(r => $"<{r}>"))}");
        if (s.RcptTo.Count > 5) sb.Append($" and {s.RcptTo.Count - 5} more");
    }
}
