using MailSniffer.Core.Capture;
using MailSniffer.Server.Demo;
using MailSniffer.Tui.Data;
using MailSniffer.Tui.Packets;
using MailSniffer.Tui.Ui;

namespace MailSniffer.Cli.Input;

/// <summary>
/// `mailsniffer demo --tui`: captures the demo's loopback addresses with libpcap and shows them in the TUI while the
/// demo plays. The TUI stays open with everything it saw when the demo ends; q stops the demo, its servers and the
/// capture, and restores the terminal.
/// </summary>
internal static class DemoTui
{
    public static int Run(Func<DemoOptions> options, string? capturePath)
    {
        PcapNgWriter? tee = capturePath is null ? null
            : new PcapNgWriter(new FileStream(capturePath, FileMode.Create, FileAccess.Write, FileShare.Read), leaveOpen: false);
        LiveCaptureSource live;
        try
        {
            live = LiveCapture.Open(new LiveCaptureOptions
            {
                Device = "lo", Filter = LoopbackDemoRecorder.DemoFilter, Promiscuous = false, Tee = tee,
                ReadTimeout = TimeSpan.FromMilliseconds(50), KernelBufferBytes = CaptureLoader.LiveKernelBufferBytes,
            });
        }
        catch (CaptureUnavailableException e)
        {
            // No unprivileged way to see the demo's packets exists (the demo's own recorder is libpcap too): say so plainly.
            tee?.Dispose();
            if (capturePath != null) File.Delete(capturePath);
            Console.Error.WriteLine($"demo --tui: cannot capture the demo on the loopback interface. {e.Message}");
            Console.Error.WriteLine("demo --tui: without it, `mailsniffer tui captures/demo-full-plaintext.pcapng` shows a recorded run of the same demo.");
            return 2;
        }
        var input = new LiveInput(live, tee);
        using var loader = new CaptureLoader(input, null, input.Stop, new LivePacketRing(), () => live.KernelDropped);
        using var demo = new LiveDemoCompanion(options);
        demo.Start();
        TuiApp.Run(loader, "MailSniffer demo on lo", companion: demo);
        return 0;
    }
}
