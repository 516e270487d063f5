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
    Measure("engine (read+decode+reassembly)", () => CaptureThroughput.Engine(path));
    return 0;

    void Measure(string name, Func<long> work)
    {
        double best = double.MaxValue;
        double bestCpu = double.MaxValue;
        long result = 0;
        long allocated = 0;
        for (int i = 0; i < runs; i++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            // CPU time as well as wall time: on a shared, loaded machine the wall clock mostly measures the neighbours.
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var sw = Stopwatch.StartNew();
            result = work();
            best = Math.Min(best, sw.Elapsed.TotalSeconds);
            bestCpu = Math.Min(bestCpu, (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds);
            allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        }
        Console.WriteLine($"{name,-30} {size / 1e6 / best,8:F0} MB/s wall  {size / 1e6 / bestCpu,8:F0} MB/s cpu  best {best:F3} s of {runs}  allocated {allocated / 1024.0:F0} KiB/run  (checksum {result})");
    }
}

BenchmarkSwitcher.FromAssembly(typeof(ReaderBenchmarks).Assembly).Run(args);
return 0;
