namespace MailSniffer.Decoders.Detection;

/// <summary>What one line says: a protocol for sure, a set of candidates (ambiguous), or nothing.</summary>
internal readonly record struct LineEvidence(string? Protocol, string[]? Candidates, string What)
{
    public static readonly LineEvidence None = new(null, null, "");
    public bool IsDecisive => Protocol != null;
    public bool IsAmbiguous => Candidates != null;
}
