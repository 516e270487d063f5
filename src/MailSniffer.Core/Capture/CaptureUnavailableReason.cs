namespace MailSniffer.Core.Capture;

public enum CaptureUnavailableReason
{
    /// <summary>libpcap (the native library SharpPcap calls) is not installed or cannot be loaded.</summary>
    LibraryMissing,
    /// <summary>The process may not open capture devices (needs root or CAP_NET_RAW/CAP_NET_ADMIN).</summary>
    PermissionDenied,
    /// <summary>No device of that name.</summary>
    DeviceNotFound,
    /// <summary>The device exists but could not be opened or configured (bad filter, interface down...).</summary>
    OpenFailed,
}
