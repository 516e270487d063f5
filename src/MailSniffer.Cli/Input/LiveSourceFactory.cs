using MailSniffer.Core.Capture;

namespace MailSniffer.Cli.Input;

internal static class LiveSourceFactory
{
    public static IPacketSource Open(CaptureInputSpec spec) =>
        throw new NotSupportedException("live capture is wired in the capture-engine merge");
}
