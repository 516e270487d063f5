using MailSniffer.Core.Capture;

namespace MailSniffer.Analysis.Timeline;

/// <summary>
/// Reads the Received chain of the most-travelled copy of a message. A header that describes a hop seen on the wire is
/// attached to that step (by the queue id the server gave, else by the client address); every other header is a hop
/// the capture did not see, added as a claimed step: what the header says, not what was observed.
/// </summary>
internal static class ClaimedHopMatcher
{
    public static void Apply(Journey journey)
    {
        var copy = journey.Steps.Where(s => s.Sighting != null)
            .OrderByDescending(s => s.Sighting!.Fingerprint.Received.Count).ThenByDescending(s => s.Ts).FirstOrDefault();
        if (copy == null || copy.Sighting!.Fingerprint.Received.Count == 0) return;
        var headers = copy.Sighting.Fingerprint.Received;
        var smtp = journey.Steps.Where(s => s.Protocol == "smtp" && s.Kind is JourneyStepKind.Submission or JourneyStepKind.Relay).ToList();
        var matched = new HashSet<int>();

        foreach (var h in headers)
        {
            if (smtp.FirstOrDefault(s => s.Received == h.Raw) != null) { matched.Add(h.Position); continue; }
            if (h.Id == null) continue;
            var step = smtp.FirstOrDefault(s => s.Received == null && s.QueueId == h.Id);
            if (step == null) continue;
            Attach(step, h, $"Received header #{h.Position + 1} carries the queue id {h.Id} this server gave in its reply");
            matched.Add(h.Position);
        }
        foreach (var h in headers.Where(h => !matched.Contains(h.Position) && h.FromAddress != null))
        {
            // The header was added before this copy crossed, so the hop it describes came earlier. A header that gives
            // the client's port names one connection, not any other from the same address.
            var step = smtp.FirstOrDefault(s => s.Received == null && s != copy && s.Ts <= copy.Ts && h.FromAddress!.Equals(s.ClientAddress)
                                                && (h.FromPort == null || h.FromPort == s.ClientPort)
                                                && (h.Id == null || s.QueueId == null));
            if (step == null) continue;
            Attach(step, h, $"Received header #{h.Position + 1} names this client [{h.FromAddress}]");
            step.QueueId ??= h.Id;
            matched.Add(h.Position);
        }
        var times = ChainTimes(headers, copy.Ts);
        foreach (var h in headers.Where(h => !matched.Contains(h.Position)))
            journey.Steps.Add(Claimed(h, copy, times[h.Position]));
    }

    /// <summary>
    /// When each header's hop happened, as well as the chain can tell: its date, but never after the copy that carries
    /// it was seen (a sender's clock or time zone may be wrong) and never before an older header's hop; a header without
    /// a date takes the time of the next older one.
    /// </summary>
    private static CaptureTime[] ChainTimes(IReadOnlyList<ReceivedHeader> headers, CaptureTime copyTs)
    {
        var times = new CaptureTime[headers.Count];
        CaptureTime? floor = null;
        for (int i = headers.Count - 1; i >= 0; i--)
        {
            var h = headers[i];
            CaptureTime? t = h.Date is { Year: >= 1970 and < 2200 } d ? new CaptureTime(d.ToUnixTimeMilliseconds() * 1_000_000) : null;
            if (t is { } v && v > copyTs) t = copyTs;
            if (t is { } w && floor is { } f && w < f) t = f;
            times[i] = t ?? floor ?? copyTs;
            floor = times[i];
        }
        return times;
    }

    private static void Attach(JourneyStep step, ReceivedHeader h, string why)
    {
        step.Received = h.Raw;
        step.Evidence.Add(why);
    }

    private static JourneyStep Claimed(ReceivedHeader h, JourneyStep copy, CaptureTime ts)
    {
        var step = new JourneyStep
        {
            Kind = JourneyStepKind.Claimed,
            Ts = ts,
            Order = -1 - h.Position,
            TsFromWire = false,
            Protocol = ProtocolOf(h.With),
            Client = h.FromAddress?.ToString(),
            ClientName = h.FromName ?? h.FromRdns,
            ServerName = h.ByName,
            Encrypted = h.SaysTls,
            TlsKind = h.With,
            User = h.AuthenticatedAs,
            Source = h.With,
            QueueId = h.Id,
            RcptTo = h.For == null ? Array.Empty<string>() : [h.For],
            Received = h.Raw,
            ContentSeen = false,
        };
        step.Evidence.Add($"claimed by Received header #{h.Position + 1} of the copy seen on flow #{copy.Flow}; not seen on the wire"
                          + (h.Date == null ? " (the header gives no date; placed by its order in the chain)"
                              : ts.UnixNanoseconds != h.Date.Value.ToUnixTimeMilliseconds() * 1_000_000
                                  ? $" (its date {h.Date.Value:yyyy-MM-dd HH:mm:ss zzz} does not fit the chain or the capture: the sender's clock is off)"
                                  : " (time from the header's date, sender's clock)"));
        return step;
    }

    private static string ProtocolOf(string? with)
    {
        if (with == null) return "unknown";
        var w = with.ToUpperInvariant();
        if (w.Contains("LMTP")) return "lmtp";
        if (w.Contains("SMTP")) return "smtp";
        if (w.Contains("HTTP")) return "http";
        if (w.Contains("IMAP")) return "imap";
        return w.ToLowerInvariant();
    }
}
