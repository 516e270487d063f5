using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using MailSniffer.Core.Flows;

namespace MailSniffer.Decoders.Tests.Support;

/// <summary>
/// Gets reassembled TCP streams (tshark -z follow,tcp,raw) and UDP payloads out of a capture, independent of our own
/// capture engine, so decoders can be checked on real bytes. Node 0 of a follow is taken as the client, node 1 as the
/// server. All streams of a capture come from one tshark run and are cached: tshark start-up dominates test time.
/// </summary>
public static class TsharkStreamExtractor
{
    private static readonly ConcurrentDictionary<string, Dictionary<int, FollowedStream>> Cache = new();

    public static bool Available { get; } = Probe();

    public sealed record FollowedStream(List<ImapTranscriptTurn> Turns, ushort ServerPort);

    public static List<int> TcpStreams(string capture) => AllTcp(capture).Keys.Order().ToList();

    /// <summary>The chunks of one TCP stream in capture order (as follow prints them).</summary>
    public static List<ImapTranscriptTurn> FollowTcp(string capture, int stream) => AllTcp(capture)[stream].Turns;

    public static List<ImapTranscriptTurn> FollowTcp(string capture, int stream, out ushort serverPort)
    {
        var s = AllTcp(capture)[stream];
        serverPort = s.ServerPort;
        return s.Turns;
    }

    public static Dictionary<int, FollowedStream> AllTcp(string capture) => Cache.GetOrAdd(capture, Load);

    /// <summary>UDP payloads (IP fragments reassembled by tshark) with source port and destination port.</summary>
    public static List<(int SrcPort, int DstPort, byte[] Payload)> UdpPayloads(string capture)
    {
        var output = Run("-r", capture, "-T", "fields", "-e", "udp.srcport", "-e", "udp.dstport", "-e", "udp.payload", "-Y", "udp");
        var list = new List<(int, int, byte[])>();
        foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var f = line.TrimEnd('\r').Split('\t');
            if (f.Length < 3 || f[2].Length == 0) continue;
            list.Add((int.Parse(f[0], CultureInfo.InvariantCulture), int.Parse(f[1], CultureInfo.InvariantCulture), Convert.FromHexString(f[2])));
        }
        return list;
    }

    private const int FirstBatch = 8;

    private static Dictionary<int, FollowedStream> Load(string capture)
    {
        // Most captures hold a handful of streams: ask for the first few in one run (absent ones come back as
        // "Node 1: :0") and list the rest only when the batch is full.
        var result = Follow(capture, Enumerable.Range(0, FirstBatch));
        if (result.ContainsKey(FirstBatch - 1))
        {
            var more = Run("-r", capture, "-T", "fields", "-e", "tcp.stream", "-Y", "tcp")
                .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(s => int.Parse(s, CultureInfo.InvariantCulture)).Where(id => id >= FirstBatch).Distinct().Order().ToList();
            if (more.Count > 0)
                foreach (var (id, stream) in Follow(capture, more)) result[id] = stream;
        }
        return result;
    }

    private static Dictionary<int, FollowedStream> Follow(string capture, IEnumerable<int> ids)
    {
        var result = new Dictionary<int, FollowedStream>();
        var args = new List<string> { "-r", capture, "-q" };
        foreach (int id in ids) { args.Add("-z"); args.Add($"follow,tcp,raw,{id}"); }
        int? current = null;
        ushort port = 0;
        List<ImapTranscriptTurn> turns = new();
        bool inBody = false;
        foreach (var raw in Run(args.ToArray()).Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.StartsWith("Filter: tcp.stream eq ", StringComparison.Ordinal))
            {
                current = int.Parse(line["Filter: tcp.stream eq ".Length..], CultureInfo.InvariantCulture);
                turns = new List<ImapTranscriptTurn>();
                inBody = false;
                continue;
            }
            if (line.StartsWith("Node 1:", StringComparison.Ordinal))
            {
                inBody = !line.EndsWith(" :0", StringComparison.Ordinal);
                ushort.TryParse(line[(line.LastIndexOf(':') + 1)..], NumberStyles.Integer, CultureInfo.InvariantCulture, out port);
                continue;
            }
            if (line.StartsWith("====", StringComparison.Ordinal))
            {
                if (inBody && current != null) result[current.Value] = new FollowedStream(turns, port);
                inBody = false;
                continue;
            }
            if (!inBody || line.Length == 0) continue;
            bool server = line[0] == '\t';
            turns.Add(new ImapTranscriptTurn(server ? Direction.ServerToClient : Direction.ClientToServer, Convert.FromHexString(line.Trim())));
        }
        return result;
    }

    private static string Run(params string[] args)
    {
        var psi = new ProcessStartInfo("tshark") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        p.StandardError.ReadToEnd();
        p.WaitForExit();
        return stdout.Result;
    }

    private static bool Probe()
    {
        try { return Run("-v").Contains("TShark", StringComparison.OrdinalIgnoreCase); }
        catch (System.ComponentModel.Win32Exception) { return false; }
    }
}
