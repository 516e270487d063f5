using System.Globalization;
using MailSniffer.Analysis.Timeline;
using MailSniffer.Core.Capture;
using MailSniffer.Core.Text;

namespace MailSniffer.Analysis.Views.Timeline;

/// <summary>
/// The `timeline` text view: each journey as a story in time order, one line per step with the time and the delay since
/// the previous step, then the total time and what crossed in clear text. Every wire string passes through SafeText.
/// </summary>
public sealed class TimelineStoryWriter
{
    /// <summary>Print every piece of evidence under each step (by default only inferred and claimed steps explain themselves).</summary>
    public bool ShowEvidence { get; init; }
    /// <summary>Print passwords instead of masking them.</summary>
    public bool RevealSecrets { get; init; }

    public void Write(TextWriter w, IReadOnlyList<Journey> journeys, IReadOnlyList<EncryptedSession>? unlinked = null)
    {
        if (journeys.Count == 0) w.WriteLine("No message journeys in this capture.");
        foreach (var j in journeys)
        {
            WriteJourney(w, j);
            w.WriteLine();
        }
        if (unlinked is { Count: > 0 })
        {
            w.WriteLine($"Encrypted mail sessions not linked to any message ({unlinked.Count}):");
            foreach (var e in unlinked)
                w.WriteLine(S($"  {Time(e.Start)}  flow #{e.Flow} {e.Protocol.ToUpperInvariant()} {e.Client} -> {e.Server} ({e.ServerName ?? "?"}), TLS {e.TlsKind}"));
        }
    }

    public void WriteJourney(TextWriter w, Journey j)
    {
        string id = j.MessageId != null ? $"<{j.MessageId}>" : "(no Message-ID)";
        w.WriteLine(S($"Journey {j.Number}: {id}  \"{j.Subject ?? "(no subject)"}\""));
        if (j.From != null || j.To.Count > 0) w.WriteLine(S($"  from {j.From ?? "?"} to {string.Join(", ", j.To.Take(5))}{(j.To.Count > 5 ? ", ..." : "")}"));
        w.WriteLine("  identity: " + j.Identity switch
        {
            "message-id" => "Message-ID" + (j.Fingerprint != null ? $", content fingerprint {j.Fingerprint[..12]}" : ""),
            "fingerprint" => $"content fingerprint {j.Fingerprint?[..12]} (no Message-ID)",
            _ => "none (only partial or encrypted copies)",
        });
        foreach (var note in j.Notes) w.WriteLine(S("  note: " + note));
        if (j.Steps.Count > 0) w.WriteLine($"  {j.Steps[0].Ts.ToDateTime():yyyy-MM-dd} (UTC)");
        var delayTo = j.Delays.ToDictionary(d => d.To, d => d.Seconds);
        for (int i = 0; i < j.Steps.Count; i++)
        {
            var s = j.Steps[i];
            string time = s.TsFromWire ? Time(s.Ts) : "~" + s.Ts.ToDateTime().ToString("HH:mm:ss", CultureInfo.InvariantCulture).PadRight(14);
            string delay = delayTo.TryGetValue(i, out var d) ? "+" + Seconds(d) : "";
            w.WriteLine(S($"  {i + 1,2}. {time}  {delay,-12} {StepSentence.For(s, j.Steps)}"));
            bool explain = ShowEvidence || s.Confidence != null && s.Kind != JourneyStepKind.Dns || s.Kind == JourneyStepKind.Claimed;
            if (!explain) continue;
            foreach (var e in ShowEvidence ? s.Evidence : s.Evidence.Skip(s.Kind == JourneyStepKind.Claimed ? 0 : 1).Take(4))
                w.WriteLine(S($"          because {e}"));
            if (ShowEvidence && s.Received != null) w.WriteLine(S($"          Received: {s.Received}"));
        }
        if (j.SubmissionToRetrieval is { } total) w.WriteLine($"  total: {Seconds(total)} from submission to first retrieval");
        WriteExposure(w, j);
    }

    private void WriteExposure(TextWriter w, Journey j)
    {
        var x = j.Exposure;
        if (!x.AnythingExposed && x.EncryptedSteps.Count == 0) return;
        var parts = new List<string>();
        foreach (var c in x.Credentials)
        {
            string how = $"{c.Protocol.ToUpperInvariant()} {c.Mechanism}";
            parts.Add(c.Password != null ? $"password of {c.Username} ({how}) {SecretMask.Password(c.Password, RevealSecrets)}"
                : $"crackable {how} hash of {c.Username}");
        }
        if (x.Addresses.Count > 0) parts.Add($"addresses {string.Join(", ", x.Addresses.Take(8))}{(x.Addresses.Count > 8 ? ", ..." : "")}");
        if (x.SubjectSteps.Count > 0) parts.Add($"subject on {Steps(x.SubjectSteps)}");
        if (x.BodySteps.Count > 0) parts.Add($"body on {Steps(x.BodySteps)}");
        if (x.Attachments.Count > 0) parts.Add($"attachments {string.Join(", ", x.Attachments.Select(a => a.FileName ?? a.ContentType))}");
        if (parts.Count > 0) w.WriteLine(S("  exposed in clear text: " + string.Join("; ", parts)));
        if (x.EncryptedSteps.Count > 0) w.WriteLine($"  encrypted: {Steps(x.EncryptedSteps)}");
    }

    private static string Steps(IReadOnlyList<int> steps) =>
        (steps.Count == 1 ? "step " : "steps ") + string.Join(", ", steps.Select(i => i + 1));

    private static string Time(CaptureTime t) => t.ToDateTime().ToString("HH:mm:ss.ffffff", CultureInfo.InvariantCulture);

    private static string Seconds(double s) => s.ToString("0.######", CultureInfo.InvariantCulture) + "s";

    private static string S(string s) => SafeText.ForTerminal(s);
}
