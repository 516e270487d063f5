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

// `--json FILE OUT single|two-stage`: writes `read --json` output, to check that both modes write the same bytes.
if (args.Length == 4 && args[0] == "--json")
{
    using var output = File.Create(args[2]);
    ReadPipelineThroughput.Json(args[1], args[3] == "two-stage", output);
    return 0;
}

// `--alloc FILE`: which types `read --json` (two-stage) allocates most, from the runtime's allocation ticks.
if (args.Length >= 2 && args[0] == "--alloc")
{
    using var sampler = new AllocationSampler();
    ReadPipelineThroughput.Json(args[1], pipelined: true);
    foreach (var (type, bytes) in sampler.Top(25)) Console.WriteLine($"{bytes / 1048576.0,10:F1} MiB  {type}");
    return 0;
}

// `--read FILE [RUNS [STAGE]]`: the stages of `read --json` in-process (engine + decoders; whole pipeline single-threaded
// and two-stage); STAGE (decoders, one-thread, two-stage) runs only that one.
if (args.Length >= 2 && args[0] == "--read")
{
    string path = args[1];
    int runs = args.Length > 2 ? int.Parse(args[2]) : 3;
    string stage = args.Length > 3 ? args[3] : "all";
    long size = new FileInfo(path).Length;
    if (stage is "all" or "decoders") Measure("engine+decoders", () => ReadPipelineThroughput.Decoders(path));
    if (stage is "all" or "one-thread") Measure("read --json, one thread", () => ReadPipelineThroughput.Json(path, pipelined: false));
    if (stage is "all" or "two-stage") Measure("read --json, two-stage", () => ReadPipelineThroughput.Json(path, pipelined: true));
    return 0;

    void Measure(string name, Func<long> work)
    {
        double best = double.MaxValue, bestCpu = double.MaxValue;
        long result = 0, peak = 0;
        long allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        int gen0 = GC.CollectionCount(0), gen1 = GC.CollectionCount(1), gen2 = GC.CollectionCount(2);
        for (int i = 0; i < runs; i++)
        {
            var process = Process.GetCurrentProcess();
            var cpuBefore = process.TotalProcessorTime;
            var sw = Stopwatch.StartNew();
            result = work();
            best = Math.Min(best, sw.Elapsed.TotalSeconds);
            process.Refresh();
            bestCpu = Math.Min(bestCpu, (process.TotalProcessorTime - cpuBefore).TotalSeconds);
            peak = Math.Max(peak, process.PeakWorkingSet64);
        }
        Console.WriteLine($"{name,-26} {size / 1e6 / best,7:F0} MB/s wall {best,7:F2} s  cpu {bestCpu,7:F2} s  peak RSS so far {peak / 1048576.0:F0} MiB  (result {result})");
        Console.WriteLine($"{"",-26} per run: {(GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore) / runs / 1048576.0:F0} MiB allocated, " +
                          $"GCs gen0 {(GC.CollectionCount(0) - gen0) / (double)runs:F0} gen1 {(GC.CollectionCount(1) - gen1) / (double)runs:F0} gen2 {(GC.CollectionCount(2) - gen2) / (double)runs:F1}");
    }
}

BenchmarkSwitcher.FromAssembly(typeof(ReaderBenchmarks).Assembly).Run(args);
return 0;
