namespace MailSniffer.Core.Capture;

/// <summary>The file is not a capture we can read (compressed, text, unknown magic); thrown only when opening.</summary>
public sealed class CaptureFormatException : Exception
{
    public CaptureFormatException(string message) : base(message) { }
}
