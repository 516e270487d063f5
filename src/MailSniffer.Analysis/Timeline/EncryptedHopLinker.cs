using MailSniffer.Core.Capture;

namespace MailSniffer.Analysis.Timeline;

/// <summary>
/// Attaches encrypted SMTP sessions to the journeys they most likely started. The content of such a session is never
/// seen, so the link is inferred: the server that received it relays a message in clear text soon after, and that
/// message's Received header names the session's client (address, HELO name) and says TLS was used. Each clue raises
/// the confidence; the strongest candidate journey wins.
/// </summary>
internal sealed class EncryptedHopLinker(JourneyOptions options)
{
    private readonly HashSet<JourneyStep> _claimedRelays = new();

    private sealed record Candidate(Journey Journey, JourneyStep Relay, ReceivedHeader? Header, int Score, double Gap, List<string> Evidence);

    /// <returns>The encrypted sessions no journey claimed.</returns>
    public IReadOnlyList<EncryptedSession> Link(List<Journey> journeys, IEnumerable<FlowFacts> flows)
    {
        var unlinked = new List<EncryptedSession>();
        var index = Index(journeys);
        foreach (var f in flows.Where(f => f.Encrypted && f.Sightings == 0 && f.Flow != null).OrderBy(f => f.Flow!.Start))
        {
            var session = ToSession(f);
            // SMTP was recognised by content before STARTTLS, whatever the port; implicit TLS says nothing of what it
            // carries, so only the mail submission/relay ports make it a candidate (not every HTTPS session).
            var best = f.Protocol == "smtp" || (f.Protocol == "tls" && f.Flow!.Server.Port is 25 or 465 or 587 or 2525)
                ? Candidates(f, index).OrderByDescending(c => c.Score).ThenBy(c => c.Gap).FirstOrDefault()
                : null;
            if (best == null)
            {
                unlinked.Add(session);
                continue;
            }
            // One relayed copy names one client hop: a second session to the same server must find another message.
            if (best.Header != null) _claimedRelays.Add(best.Relay);
            best.Journey.Steps.Add(CreateStep(f, best));
        }
        return unlinked;
    }

    /// <summary>Clear SMTP steps by the addresses that can tie a session to them: the sending host, and every client a Received header names.</summary>
    private static Dictionary<System.Net.IPAddress, List<(Journey Journey, JourneyStep Relay)>> Index(List<Journey> journeys)
    {
        var index = new Dictionary<System.Net.IPAddress, List<(Journey, JourneyStep)>>();
        void Add(System.Net.IPAddress? a, Journey j, JourneyStep s)
        {
            if (a == null) return;
            if (!index.TryGetValue(a, out var list)) index[a] = list = new List<(Journey, JourneyStep)>();
            if (list.Count == 0 || !ReferenceEquals(list[^1].Item2, s)) list.Add((j, s));
        }
        foreach (var j in journeys)
            foreach (var s in j.Steps.Where(s => s.Kind is JourneyStepKind.Relay or JourneyStepKind.Submission && s.Sighting != null))
            {
                Add(s.ClientAddress, j, s);
                foreach (var h in s.Sighting!.Fingerprint.Received) Add(h.FromAddress, j, s);
            }
        return index;
    }

    private IEnumerable<Candidate> Candidates(FlowFacts e, Dictionary<System.Net.IPAddress, List<(Journey Journey, JourneyStep Relay)>> index)
    {
        var flow = e.Flow!;
        var pairs = index.GetValueOrDefault(flow.Server.Address) ?? new List<(Journey, JourneyStep)>();
        if (index.TryGetValue(flow.Client.Address, out var byHeader)) pairs = pairs.Concat(byHeader).Distinct().ToList();
        foreach (var (j, relay) in pairs)
        {
            double gap = relay.Ts.SecondsSince(flow.End);
            if (relay.Ts < flow.Start || relay.Ts.SecondsSince(flow.Start) > options.EncryptedLinkWindowSeconds) continue;
            var evidence = new List<string>();
            int score = 0;
            bool sameServer = relay.ClientAddress != null && relay.ClientAddress.Equals(flow.Server.Address);
            // A header that gives the client's port names one connection: another port is another session's header.
            ReceivedHeader? header = _claimedRelays.Contains(relay) ? null
                : relay.Sighting!.Fingerprint.Received.FirstOrDefault(h => flow.Client.Address.Equals(h.FromAddress)
                    && (h.FromPort == null || h.FromPort == flow.Client.Port));
            if (!sameServer && header == null) continue;
            if (sameServer)
            {
                score += 1;
                evidence.Add($"{flow.Server.Address} received this encrypted session and then relayed the message from the same address");
            }
            if (header != null)
            {
                score += 2;
                evidence.Add($"Received header #{header.Position + 1} of the relayed copy names the session's client [{flow.Client.Address}]");
                if (header.FromPort == flow.Client.Port)
                {
                    score += 3;
                    evidence.Add($"that header names the session's client port {flow.Client.Port}");
                }
                if (header.SaysTls) { score += 1; evidence.Add($"that header says the hop used TLS (with {header.With})"); }
                if (e.Helo != null && string.Equals(header.FromName, e.Helo, StringComparison.OrdinalIgnoreCase))
                {
                    score += 1;
                    evidence.Add($"that header's HELO name {e.Helo} is the one the client gave before TLS");
                }
                if (e.ServerName != null && string.Equals(header.ByName, e.ServerName, StringComparison.OrdinalIgnoreCase))
                {
                    score += 1;
                    evidence.Add($"the header was added by {e.ServerName}, the name the server greeted with");
                }
            }
            if (gap >= 0 && gap <= options.CloseTimingSeconds) { score += 1; evidence.Add($"the relay began {gap:0.###} s after the session ended"); }
            else evidence.Add($"the relay began {relay.Ts.SecondsSince(flow.Start):0.###} s after the session started");
            yield return new Candidate(j, relay, header, score, Math.Abs(gap), evidence);
        }
    }

    private static JourneyStep CreateStep(FlowFacts f, Candidate c)
    {
        var flow = f.Flow!;
        var header = c.Header;
        bool submission = flow.Server.Port is 587 or 465 || header?.SaysAuthenticated == true || f.AuthMechanism != null;
        var step = new JourneyStep
        {
            Kind = submission ? JourneyStepKind.Submission : JourneyStepKind.Relay,
            Ts = flow.Start,
            Protocol = "smtp",
            Client = flow.Client.ToString(),
            Server = flow.Server.ToString(),
            Flow = f.Id,
            Encrypted = true,
            TlsKind = f.TlsKind ?? "implicit",
            User = f.User ?? header?.AuthenticatedAs,
            AuthMechanism = f.AuthMechanism,
            QueueId = header?.Id,
            Received = header?.Raw,
            ContentSeen = false,
            Confidence = c.Score >= 5 ? "high" : c.Score >= 3 ? "medium" : "low",
            FlowFacts = f,
        };
        step.Evidence.Add($"encrypted session (TLS {step.TlsKind}) on flow #{f.Id}: its content was not readable");
        step.Evidence.AddRange(c.Evidence);
        return step;
    }

    private static EncryptedSession ToSession(FlowFacts f) =>
        new(f.Id, f.Protocol, f.ClientText, f.ServerText, f.Flow?.Start ?? CaptureTime.Zero, f.Flow?.End ?? CaptureTime.Zero, f.TlsKind, f.Helo, f.ServerName);
}
