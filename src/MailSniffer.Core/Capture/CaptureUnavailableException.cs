using SharpPcap;

namespace MailSniffer.Core.Capture;

/// <summary>
/// Live capture cannot start. The message is one paragraph for the user saying what to install or grant, never a
/// stack trace; the original exception is kept as the inner exception for logs.
/// </summary>
public sealed class CaptureUnavailableException : Exception
{
    public const string LibraryMissingMessage =
        "Live capture needs libpcap, which could not be loaded. Install it (Debian/Ubuntu: sudo apt-get install libpcap0.8; " +
        "Fedora/RHEL: sudo dnf install libpcap; macOS has it already) and run the command again. Reading a capture " +
        "file (mailsniffer read FILE) does not need it.";

    public const string PermissionDeniedMessage =
        "Live capture needs permission to open network devices. Run as root, or grant the capability once with " +
        "sudo setcap cap_net_raw,cap_net_admin=eip $(which mailsniffer) and run the command again. Reading a capture " +
        "file (mailsniffer read FILE) does not need it.";

    public CaptureUnavailableException(CaptureUnavailableReason reason, string message, Exception? inner = null)
        : base(message, inner)
    {
        Reason = reason;
    }

    public CaptureUnavailableReason Reason { get; }

    /// <summary>Turns what SharpPcap/libpcap threw into the matching user-facing explanation.</summary>
    public static CaptureUnavailableException From(Exception e, string? device = null)
    {
        if (IsLibraryMissing(e))
            return new CaptureUnavailableException(CaptureUnavailableReason.LibraryMissing, LibraryMissingMessage, e);
        if (IsPermissionDenied(e))
            return new CaptureUnavailableException(CaptureUnavailableReason.PermissionDenied, PermissionDeniedMessage, e);
        string what = device is null ? "the capture device" : $"capture device '{device}'";
        return new CaptureUnavailableException(CaptureUnavailableReason.OpenFailed,
            $"Could not open {what}: {OneLine(e.Message)}. Check the device name with 'mailsniffer interfaces' and that it is up.", e);
    }

    internal static bool IsLibraryMissing(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
        {
            if (e is DllNotFoundException or EntryPointNotFoundException or BadImageFormatException)
                return true;
        }
        return false;
    }

    private static bool IsPermissionDenied(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
        {
            if (e is UnauthorizedAccessException)
                return true;
            if (e is PcapException or InvalidOperationException
                && (e.Message.Contains("permission", StringComparison.OrdinalIgnoreCase)
                    || e.Message.Contains("not permitted", StringComparison.OrdinalIgnoreCase)))
                return true;
        }
        return false;
    }

    private static string OneLine(string s) => s.ReplaceLineEndings(" ").Trim().TrimEnd('.');
}
