using MailSniffer.Core.Flows;
using MailSniffer.Decoders.Events;

namespace MailSniffer.Analysis.Model;

/// <summary>Turns decoder events into transcript lines, roughly as they looked on the wire. Not sanitised.</summary>
internal static class TranscriptFormatter
{
    public static TranscriptLine? ToLine(MailEvent e) => e switch
    {
        SmtpCommandEvent c => new(c.Ts, Direction.ClientToServer, Join(c.Verb, c.Arg)),
        SmtpReplyEvent r => new(r.Ts, Direction.ServerToClient, $"{r.Code} {string.Join(" / ", r.Lines)}".TrimEnd()),
        Pop3CommandEvent c => new(c.Ts, Direction.ClientToServer, Join(c.Verb, c.Arg)),
        Pop3ReplyEvent r => new(r.Ts, Direction.ServerToClient, Join(r.Ok ? "+OK" : "-ERR", r.Text)),
        ImapCommandEvent c => new(c.Ts, Direction.ClientToServer, Join($"{c.Tag} {c.Command}", c.Args)),
        ImapResponseEvent r => new(r.Ts, Direction.ServerToClient, Join($"{r.Tag} {r.Status}", r.Text)),
        DnsQueryEvent q => new(q.Ts, Direction.ClientToServer, $"query #{q.Id} {q.QType} {q.Name}"),
        DnsAnswerEvent a => new(a.Ts, Direction.ServerToClient,
            a.RType == null ? $"answer #{a.Id} {a.Rcode} {a.Name}" : $"answer #{a.Id} {a.Name} {a.RType} {a.Data}"),
        TlsEvent t => new(t.Ts, Direction.ServerToClient, $"[encrypted from here: {t.Kind}{(t.Protocol is { } p ? " " + p : "")}]"),
        AnomalyEvent a => new(a.Ts, null, $"[anomaly: {a.Reason}]"),
        MessageEvent m => new(m.Ts, m.Direction,
            $"[message via {m.Source}: {m.Content.Length} bytes{(m.Complete ? "" : ", incomplete")}{(m.Partial ? ", partial" : "")}]"),
        CredentialEvent c => new(c.Ts, null, $"[credential {c.Mechanism} user {c.Username}]"),
        _ => null,
    };

    private static string Join(string head, string? rest) => string.IsNullOrEmpty(rest) ? head : head + " " + rest;
}
