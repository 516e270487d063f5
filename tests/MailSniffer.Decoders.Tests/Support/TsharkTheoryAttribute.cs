namespace MailSniffer.Decoders.Tests.Support;

/// <summary>A theory that needs tshark and the shared captures; skipped, saying which is missing, when either is absent.</summary>
public sealed class TsharkTheoryAttribute : TheoryAttribute
{
    public TsharkTheoryAttribute()
    {
        if (SharedCaptureFolder.Path == null) Skip = "shared/captures/public not found next to the repository";
        else if (!TsharkStreamExtractor.Available) Skip = "tshark is not installed (apt-get install tshark)";
    }
}
