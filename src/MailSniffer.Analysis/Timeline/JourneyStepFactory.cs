using MailSniffer.Core.Flows;

namespace MailSniffer.Analysis.Timeline;

/// <summary>Turns the sightings of one message into its wire steps: submission, relay, retrieval, upload.</summary>
internal static class JourneyStepFactory
{
    private static readonly HashSet<ushort> SubmissionPorts = [587, 465];

    public static Journey Create(List<MessageSighting> group)
    {
        var ordered = group.OrderBy(s => StartOf(s).UnixNanoseconds).ToList();
        var best = ordered.FirstOrDefault(s => s.Whole) ?? ordered[0];
        var summary = best.Record.Summary;
        var journey = new Journey
        {
            MessageId = ordered.Select(s => s.MessageId).FirstOrDefault(id => id != null),
            Fingerprint = ordered.FirstOrDefault(s => s.Whole)?.Fingerprint.Fingerprint,
            Identity = ordered.Any(s => s.MessageId != null) ? "message-id" : ordered.Any(s => s.Whole) ? "fingerprint" : "none",
            Subject = ordered.Select(s => s.Record.Summary.Subject).FirstOrDefault(x => x != null),
            From = summary.From,
            To = summary.To,
        };
        var servers = new HashSet<System.Net.IPAddress>();
        foreach (var s in ordered)
        {
            var step = Create(s, servers);
            journey.Steps.Add(step);
            if (step.Kind is JourneyStepKind.Submission or JourneyStepKind.Relay && step.ServerAddress != null) servers.Add(step.ServerAddress);
        }
        return journey;
    }

    private static Core.Capture.CaptureTime StartOf(MessageSighting s) => s.Record.StartTs ?? s.Record.Ts;

    private static JourneyStep Create(MessageSighting s, HashSet<System.Net.IPAddress> servers)
    {
        var r = s.Record;
        var f = s.Flow;
        var kind = r.Protocol switch
        {
            "smtp" => SmtpKind(s, servers),
            "imap" when r.Direction == Direction.ClientToServer => JourneyStepKind.Upload,
            _ => JourneyStepKind.Retrieval,
        };
        var step = new JourneyStep
        {
            Kind = kind,
            Ts = StartOf(s),
            Protocol = r.Protocol,
            Client = r.Client ?? f.ClientText,
            Server = r.Server ?? f.ServerText,
            Flow = r.Flow,
            // Content was read from the wire, so this copy crossed in clear text (or the capture was decrypted).
            Encrypted = false,
            TlsKind = f.Encrypted ? f.TlsKind : null,
            User = r.User ?? f.User,
            AuthMechanism = f.AuthMechanism,
            Source = r.Source,
            Mailbox = r.Mailbox,
            MailFrom = r.MailFrom,
            RcptTo = r.RcptTo,
            QueueId = s.QueueId,
            Reply = s.ReplyText,
            ContentSeen = true,
            PartialContent = r.Partial || !r.Complete,
            Sighting = s,
            FlowFacts = f,
        };
        step.Evidence.Add($"message seen on flow #{r.Flow} ({r.Source}, {r.Size} bytes{(r.Complete ? "" : ", cut by a gap")}{(r.Partial ? ", partial" : "")}, sha256 {Short(r.Sha256)})");
        if (kind == JourneyStepKind.Relay)
            step.Evidence.Add(servers.Contains(step.ClientAddress!) ? "the sending host received this message earlier in the capture"
                : "the sending host is a server: the message already carried a Received header");
        if (f.Encrypted && f.TlsKind != null) step.Evidence.Add($"the capture shows this content although the flow used TLS ({f.TlsKind}): decrypted capture");
        return step;
    }

    private static JourneyStepKind SmtpKind(MessageSighting s, HashSet<System.Net.IPAddress> servers)
    {
        var flow = s.Flow.Flow;
        bool authenticated = s.Record.User != null || s.Flow.User != null || s.Flow.AuthMechanism != null;
        if (authenticated || (flow != null && SubmissionPorts.Contains(flow.Server.Port))) return JourneyStepKind.Submission;
        if (flow != null && servers.Contains(flow.Client.Address)) return JourneyStepKind.Relay;
        // Mail user agents do not add Received headers; a copy that already has one is being passed on by a server.
        return s.Fingerprint.Received.Count > 0 ? JourneyStepKind.Relay : JourneyStepKind.Submission;
    }

    internal static string Short(string sha) => sha.Length > 12 ? sha[..12] : sha;
}
