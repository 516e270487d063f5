using System.Diagnostics;
using BenchmarkDotNet.Running;
using MailSniffer.Benchmarks;

// `--quick FILE [RUNS]`: plain Stopwatch MB/s (best of RUNS, default 3) for read, read+decode, read+decode+checksums.
if (args.Length >= 2 && args[0] == "--quick")
{
    string path = args[1];
    int runs = args.Length > 2 ? int.Parse(args[2]) : 3;
    long size = new FileInfo(path).Length;
    Measure("read", () => CaptureThroughput.ReadOnly(path));
    Measure("read+decode (no checksums)", () => CaptureThroughput.ReadAndDecode(path, false));
    Measure("read+decode+checksums", () => CaptureThroughput.ReadAndDecode(path, true));
    return 0;

    void Measure(string name, Func<long> work)
    {
        double best = double.MaxValue;
        long result = 0;
        for (int i = 0; i < runs; i++)
        {
            var sw = Stopwatch.StartNew();
            result = work();
            best = Math.Min(best, sw.Elapsed.TotalSeconds);
        }
        Console.WriteLine($"{name,-30} {size / 1e6 / best,8:F0} MB/s  best {best:F3} s of {runs}  (checksum {result})");
    }
}

BenchmarkSwitcher.FromAssembly(typeof(ReaderBenchmarks).Assembly).Run(args);
return 0;
