using MailSniffer.Core.Capture;
using MailSniffer.Server.Demo;

namespace MailSniffer.Cli.Input;

/// <summary>
/// Records the demo with libpcap on the loopback device into pcapng: a reader thread copies every packet through the
/// live source's tee. Only the demo's addresses are captured (BPF), so unrelated loopback traffic stays out.
/// </summary>
internal sealed class LoopbackDemoRecorder : IDemoRecorder
{
    public const string DemoFilter = "host 127.0.0.2 or net 127.0.1.0/24 or net 127.0.2.0/24";

    private readonly string _filter;
    private LiveCaptureSource? _source;

    public LoopbackDemoRecorder(string filter = DemoFilter) => _filter = filter;
    private PcapNgWriter? _writer;
    private Thread? _thread;

    public Task StartAsync(string path, CancellationToken ct)
    {
        var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read);
        _writer = new PcapNgWriter(file, leaveOpen: false);
        try
        {
            _source = LiveCapture.Open(new LiveCaptureOptions
            {
                Device = "lo", Filter = _filter, Promiscuous = false, Tee = _writer, ReadTimeout = TimeSpan.FromMilliseconds(50),
            });
        }
        catch (CaptureUnavailableException e)
        {
            // The demo is worth running without a capture: say why, and go on.
            _writer.Dispose();
            _writer = null;
            File.Delete(path);
            Console.Error.WriteLine($"capture: not recording. {e.Message}");
            return Task.CompletedTask;
        }
        _thread = new Thread(() => { while (_source.TryReadNext(out _)) { } }) { IsBackground = true, Name = "demo-capture" };
        _thread.Start();
        return Task.CompletedTask;
    }

    public Task StopAsync()
    {
        _source?.Stop();
        _thread?.Join(TimeSpan.FromSeconds(5));
        _source?.Dispose();
        _writer?.Dispose();
        return Task.CompletedTask;
    }
}
