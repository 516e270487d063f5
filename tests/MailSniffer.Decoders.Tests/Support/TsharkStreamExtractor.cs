using System.Diagnostics;
using System.Globalization;
using MailSniffer.Core.Flows;

namespace MailSniffer.Decoders.Tests.Support;

/// <summary>
/// Gets reassembled TCP streams (tshark -z follow,tcp,raw) and UDP payloads out of a capture, independent of our own
/// capture engine, so decoders can be checked on real bytes. Node 0 of a follow is taken as the client.
/// </summary>
public static class TsharkStreamExtractor
{
    public static bool Available { get; } = Probe();

    public static List<int> TcpStreams(string capture)
    {
        var output = Run("-r", capture, "-T", "fields", "-e", "tcp.stream", "-Y", "tcp");
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(s => int.Parse(s, CultureInfo.InvariantCulture)).Distinct().Order().ToList();
    }

    /// <summary>The chunks of one TCP stream in capture order (as follow prints them).</summary>
    public static List<ImapTranscriptTurn> FollowTcp(string capture, int stream)
    {
        var output = Run("-r", capture, "-q", "-z", $"follow,tcp,raw,{stream}");
        var turns = new List<ImapTranscriptTurn>();
        bool inBody = false;
        foreach (var raw in output.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.StartsWith("Node 1:", StringComparison.Ordinal)) { inBody = true; continue; }
            if (!inBody || line.Length == 0) continue;
            if (line.StartsWith("====", StringComparison.Ordinal)) break;
            bool server = line[0] == '\t';
            var bytes = Convert.FromHexString(line.Trim());
            turns.Add(new ImapTranscriptTurn(server ? Direction.ServerToClient : Direction.ClientToServer, bytes));
        }
        return turns;
    }

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
