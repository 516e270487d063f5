using MailSniffer.Core.Engine;

namespace MailSniffer.Cli.Input;

/// <summary>Drives an engine to the end of a file, or for a live capture until Ctrl+C or the requested duration.</summary>
internal static class LiveRun
{
    public static void Run(CaptureEngine engine, CaptureInputSpec spec)
    {
        if (!spec.IsLive)
        {
            engine.Run();
            return;
        }
        using var cts = spec.DurationSeconds is double d ? new CancellationTokenSource(TimeSpan.FromSeconds(d)) : new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) => { e.Cancel = true; cts.Cancel(); };
        Console.CancelKeyPress += onCancel;
        try
        {
            engine.Run(cts.Token);
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }
}
