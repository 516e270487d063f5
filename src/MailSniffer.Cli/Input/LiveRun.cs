using MailSniffer.Core.Capture;
using MailSniffer.Core.Engine;

namespace MailSniffer.Cli.Input;

/// <summary>Drives an engine to the end of a file, or for a live capture until Ctrl+C or the requested duration.</summary>
internal static class LiveRun
{
    public static void Run(CaptureEngine engine, CaptureInputSpec spec, IPacketSource source)
    {
        if (source is not LiveInput live)
        {
            engine.Run();
            return;
        }
        using var cts = spec.DurationSeconds is double d ? new CancellationTokenSource(TimeSpan.FromSeconds(d)) : new CancellationTokenSource();
        using var stop = cts.Token.Register(live.Stop);
        ConsoleCancelEventHandler onCancel = (_, e) => { e.Cancel = true; cts.Cancel(); };
        Console.CancelKeyPress += onCancel;
        Console.Error.WriteLine($"# capturing on {live.Live.DeviceName}{(spec.Filter != null ? $" with filter '{spec.Filter}'" : "")}; Ctrl+C to stop");
        try
        {
            engine.Run(cts.Token);
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
            if (live.Live.KernelDropped is long dropped)
                Console.Error.WriteLine($"# live capture: {live.Live.PacketsRead} packets read, {dropped} dropped by the kernel");
        }
    }
}
