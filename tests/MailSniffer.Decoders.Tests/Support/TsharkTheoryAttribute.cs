using MailSniffer.TestSupport;

namespace MailSniffer.Decoders.Tests.Support;

/// <summary>A theory over the public captures, skipped with a clear message when tshark or the captures are missing.</summary>
public sealed class TsharkTheoryAttribute : TheoryAttribute
{
    public TsharkTheoryAttribute()
    {
        if (!Tshark.IsInstalled || CaptureFiles.Directory == null) Skip = "tshark is not installed or shared/captures/public was not found next to the repository";
    }
}
