using System.Globalization;
using MailSniffer.Analysis.Exposure;
using MailSniffer.Core.Text;

namespace MailSniffer.Analysis.Views.Timeline;

/// <summary>The `exposure` text view: the page a security team shows. Passwords are masked unless revealed.</summary>
public sealed class ExposureTextWriter
{
    private const int MaxListed = 200;

    public bool RevealSecrets { get; init; }

    public void Write(TextWriter w, ExposureReport r)
    {
        w.WriteLine("Exposure report: what an eavesdropper on this network could read");
        w.WriteLine($"  mail sessions: {r.Flows.Count} ({r.ClearFlows} clear text, {r.EncryptedFlows} encrypted); " +
                    $"messages readable: {r.Messages.Count}; credentials: {r.Credentials.Count}; addresses: {r.Addresses.Count}");
        if (r.NotRetained > 0) w.WriteLine($"  note: {r.NotRetained} items were not kept (bounds reached); the report is incomplete");

        Heading(w, "Passwords and crackable hashes", r.Credentials.Count);
        foreach (var c in r.Credentials.Take(MaxListed))
        {
            string secret = c.Password != null ? "password " + SecretMask.Password(c.Password, RevealSecrets)
                : c.Hash != null ? "hash " + (RevealSecrets ? c.Hash : "(crackable offline; use --reveal to print)") : "no secret";
            string accepted = c.Accepted switch { true => "accepted", false => "rejected", _ => "answer not seen" };
            w.WriteLine(S($"  flow #{c.Flow} {c.Protocol.ToUpperInvariant()} {c.Mechanism} user {c.Username}: {secret}, {accepted} — {c.Client} -> {c.Server}"));
        }

        Heading(w, "Addresses", r.Addresses.Count);
        foreach (var a in r.Addresses.Take(MaxListed))
            w.WriteLine(S($"  {a.Address}  (flows {string.Join(", ", a.Flows.Select(f => "#" + f))})"));

        Heading(w, "Messages read in clear text", r.Messages.Count);
        foreach (var m in r.Messages.Take(MaxListed))
        {
            string what = m.Body ? "subject and body" : "headers only";
            string journey = m.Journey is { } j ? $" (journey {j})" : "";
            w.WriteLine(S($"  {m.Ts.ToIso8601()} flow #{m.Flow} {m.Protocol.ToUpperInvariant()} {m.Source}: \"{m.Subject ?? "(no subject)"}\" — {what}, {m.Size} bytes{journey}"));
            foreach (var a in m.Attachments)
                w.WriteLine(S($"      attachment {a.FileName ?? "(unnamed)"} {a.ContentType} {a.Size} bytes sha256 {a.Sha256}"));
        }

        Heading(w, "Sessions", r.Flows.Count);
        foreach (var f in r.Flows.Take(MaxListed))
        {
            string protection = f.Encrypted ? $"encrypted ({(f.TlsKind == "starttls" ? "STARTTLS" : "implicit TLS")})" : "CLEAR TEXT";
            w.WriteLine(S($"  flow #{f.Flow} {f.Protocol.ToUpperInvariant()} {f.Client} -> {f.Server}: {protection}; " +
                          $"{f.Messages} messages, {f.Credentials} credentials, {f.Addresses} envelope addresses"));
        }

        if (r.DnsQuestions.Count > 0)
        {
            Heading(w, "DNS questions (who mails whom, even when mail is encrypted)", r.DnsQuestions.Count);
            foreach (var q in r.DnsQuestions.Take(MaxListed)) w.WriteLine(S("  " + q));
        }

        Heading(w, "Per message", r.Journeys.Count);
        foreach (var j in r.Journeys.Take(MaxListed))
        {
            var x = j.Exposure;
            w.WriteLine(S($"  journey {j.Number} <{j.MessageId ?? "no Message-ID"}> \"{j.Subject ?? "(no subject)"}\": " +
                          $"{x.ClearSteps.Count} clear steps, {x.EncryptedSteps.Count} encrypted, " +
                          $"{x.Credentials.Count} credentials, {x.Addresses.Count} addresses, " +
                          $"subject {(x.SubjectSteps.Count > 0 ? "exposed" : "protected")}, body {(x.BodySteps.Count > 0 ? "exposed" : "protected")}, " +
                          $"{x.Attachments.Count.ToString(CultureInfo.InvariantCulture)} attachments exposed"));
        }
    }

    private static void Heading(TextWriter w, string title, int count)
    {
        w.WriteLine();
        w.WriteLine($"{title} ({count})");
        if (count > MaxListed) w.WriteLine($"  (first {MaxListed} shown; --json lists all)");
    }

    private static string S(string s) => SafeText.ForTerminal(s);
}
