using MailSniffer.Core.Capture;

namespace MailSniffer.Cli.Input;

/// <summary>Opens a live capture (libpcap through SharpPcap), with its optional pcapng copy (-w).</summary>
internal static class LiveSourceFactory
{
    public static IPacketSource Open(CaptureInputSpec spec, int? kernelBufferBytes = null)
    {
        PcapNgWriter? tee = null;
        FileStream? teeFile = null;
        if (spec.WriteFile != null)
        {
            teeFile = new FileStream(spec.WriteFile, FileMode.Create, FileAccess.Write, FileShare.Read);
            tee = new PcapNgWriter(teeFile, leaveOpen: false);
        }
        try
        {
            var live = LiveCapture.Open(new LiveCaptureOptions
            {
                Device = spec.Interface!,
                Filter = spec.Filter,
                SnapLength = spec.Snaplen,
                Promiscuous = spec.Promiscuous,
                Tee = tee,
                KernelBufferBytes = kernelBufferBytes,
            });
            return new LiveInput(live, tee);
        }
        catch
        {
            tee?.Dispose();
            teeFile?.Dispose();
            throw;
        }
    }
}
