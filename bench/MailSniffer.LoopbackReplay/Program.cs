using System.Diagnostics;
using System.Net.Sockets;
using MailSniffer.LoopbackReplay;

// loopback-replay CAPTURE [--seconds 60] [--rate 12000] [--workers 6]
// Replays CAPTURE's TCP conversations over loopback (127.0.3.101+n -> 127.0.3.1+n on each conversation's server port) at
// about --rate packets per second for --seconds; prints what it sent once a second. Loopback only, by construction.
if (args.Length < 1)
{
    Console.Error.WriteLine("usage: loopback-replay CAPTURE [--seconds 60] [--rate 12000] [--workers 6]");
    return 2;
}
double seconds = Arg("--seconds", 60), rate = Arg("--rate", 12000);
int workers = (int)Arg("--workers", 6);
var scripts = ScriptRecorder.Load(args[0]);
if (scripts.Count == 0)
{
    Console.Error.WriteLine($"{args[0]}: no TCP conversation with data to replay");
    return 1;
}
workers = Math.Clamp(workers, 1, 99);
Console.WriteLine($"replaying {scripts.Count} conversations ({scripts.Sum(s => s.Bytes)} bytes) on ports {string.Join(",", scripts.Select(s => s.ServerPort).Distinct())} at ~{rate} pkt/s for {seconds} s with {workers} workers");
var pacer = new Pacer(rate);
using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
var pool = Enumerable.Range(0, workers).Select(i => new ReplayWorker(i, scripts, pacer)).ToList();
var threads = pool.Select((w, i) => new Thread(() =>
{
    try { w.Run(i * 7, stop.Token); }
    catch (Exception e) when (e is SocketException or IOException) { Console.Error.WriteLine($"worker {i}: {e.Message}"); }
}) { IsBackground = true }).ToList();
var clock = Stopwatch.StartNew();
threads.ForEach(t => t.Start());
long lastPackets = 0;
while (!stop.IsCancellationRequested)
{
    Thread.Sleep(1000);
    long p = pacer.Taken;
    Console.WriteLine($"{clock.Elapsed.TotalSeconds,6:F1} s  ~{p - lastPackets} pkt/s  conversations {pool.Sum(w => Interlocked.Read(ref w.Conversations))}  turns {pool.Sum(w => Interlocked.Read(ref w.Turns))}");
    lastPackets = p;
}
threads.ForEach(t => t.Join(TimeSpan.FromSeconds(5)));
pool.ForEach(w => w.StopListening());
double elapsed = clock.Elapsed.TotalSeconds;
Console.WriteLine($"done: {elapsed:F1} s, ~{pacer.Taken / elapsed:F0} pkt/s estimated, {pool.Sum(w => w.Conversations)} conversations, {pool.Sum(w => w.Turns)} turns, {pool.Sum(w => w.Bytes) / 1e6:F1} MB");
return 0;

double Arg(string name, double fallback)
{
    int i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? double.Parse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture) : fallback;
}
