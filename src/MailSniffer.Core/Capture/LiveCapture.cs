using SharpPcap.LibPcap;

namespace MailSniffer.Core.Capture;

/// <summary>Entry points for live capture through libpcap (SharpPcap). Failures become <see cref="CaptureUnavailableException"/>.</summary>
public static class LiveCapture
{
    /// <summary>Capture devices libpcap can open.</summary>
    /// <exception cref="CaptureUnavailableException">libpcap is missing, or listing devices is not permitted.</exception>
    public static IReadOnlyList<CaptureInterfaceInfo> ListInterfaces()
    {
        try
        {
            var list = new List<CaptureInterfaceInfo>();
            foreach (var device in LibPcapLiveDeviceList.New())
            {
                var addresses = new List<string>();
                foreach (var a in device.Addresses)
                {
                    if (a.Addr?.ipAddress is { } ip)
                        addresses.Add(ip.ToString());
                }
                list.Add(new CaptureInterfaceInfo(device.Name, device.Description, addresses, device.Loopback));
            }
            return list;
        }
        catch (Exception e) when (e is not CaptureUnavailableException)
        {
            throw CaptureUnavailableException.From(e);
        }
    }

    /// <exception cref="CaptureUnavailableException">The device cannot be opened (library, privilege, name, filter).</exception>
    public static LiveCaptureSource Open(LiveCaptureOptions options) => LiveCaptureSource.Open(options);
}
