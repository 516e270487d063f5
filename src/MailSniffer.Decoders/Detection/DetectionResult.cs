namespace MailSniffer.Decoders.Detection;

/// <summary>The detector's answer. Protocol is smtp, pop3, imap, dns, tls or unknown; Evidence says what decided it.</summary>
public readonly record struct DetectionResult(DetectionVerdict Verdict, string Protocol, string Evidence)
{
    public static readonly DetectionResult Undecided = new(DetectionVerdict.Undecided, "", "");
    public static DetectionResult Decided(string protocol, string evidence) => new(DetectionVerdict.Decided, protocol, evidence);
    public static DetectionResult Unknown(string evidence) => new(DetectionVerdict.Unknown, "unknown", evidence);
}
