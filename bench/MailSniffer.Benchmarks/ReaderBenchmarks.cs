using BenchmarkDotNet.Attributes;

namespace MailSniffer.Benchmarks;

/// <summary>
/// Reader and reader + frame decoder over a capture file: MAILSNIFFER_BENCH_CAPTURE, or a ~200 MB synthetic capture
/// of 1514-byte TCP frames generated in GlobalSetup.
/// </summary>
[MemoryDiagnoser]
public class ReaderBenchmarks
{
    private string _path = "";
    private bool _generated;

    [GlobalSetup]
    public void Setup()
    {
        var given = Environment.GetEnvironmentVariable("MAILSNIFFER_BENCH_CAPTURE");
        if (!string.IsNullOrEmpty(given))
        {
            _path = given;
            return;
        }
        _path = Path.Combine(Path.GetTempPath(), "mailsniffer-bench-synthetic.pcap");
        SyntheticCapture.Write(_path, 200L << 20);
        _generated = true;
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        if (_generated)
            File.Delete(_path);
    }

    [Benchmark(Baseline = true)]
    public long Read() => CaptureThroughput.ReadOnly(_path);

    [Benchmark]
    public long ReadDecode() => CaptureThroughput.ReadAndDecode(_path, verifyChecksums: false);

    [Benchmark]
    public long ReadDecodeVerifyChecksums() => CaptureThroughput.ReadAndDecode(_path, verifyChecksums: true);

    [Benchmark]
    public long ReadDecodeReassemble() => CaptureThroughput.Engine(_path);
}
