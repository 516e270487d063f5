namespace MailSniffer.Core.Capture;

/// <summary>A capture device as libpcap lists it.</summary>
public sealed record CaptureInterfaceInfo(string Name, string? Description, IReadOnlyList<string> Addresses, bool IsLoopback);
