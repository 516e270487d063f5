using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using MailSniffer.Core.Flows;
using MailSniffer.TestSupport;

namespace MailSniffer.Decoders.Tests.Support;

/// <summary>
/// The two directions of one TCP stream as tshark reassembled them (<c>-z follow,tcp,raw,N</c>), as transcript turns in
/// capture order; tshark's "[n bytes missing in capture file]" markers become gaps. Stands in for our own reassembler,
/// which is written concurrently.
/// </summary>
public static partial class TcpFollow
{
    private static readonly int[] ServerPorts = [25, 465, 587, 2525, 110, 995, 143, 993];

    public static List<TranscriptTurn> Read(string captureName, int stream)
    {
        string output = Tshark.Run("-r", CaptureFiles.PathOf(captureName), "-q", "-z", $"follow,tcp,raw,{stream}");
        var turns = new List<TranscriptTurn>();
        int node0Port = -1, node1Port = -1;
        bool inBody = false;
        foreach (var rawLine in output.Split('\n'))
        {
            var line = rawLine.TrimEnd('\r');
            if (line.StartsWith("Node 0: ", StringComparison.Ordinal)) { node0Port = PortOf(line); continue; }
            if (line.StartsWith("Node 1: ", StringComparison.Ordinal)) { node1Port = PortOf(line); inBody = true; continue; }
            if (!inBody || line.StartsWith("=====", StringComparison.Ordinal) || line.Trim().Length == 0) continue;
            bool node1 = line.StartsWith('\t');
            bool node1IsServer = ServerPorts.Contains(node1Port) || !ServerPorts.Contains(node0Port);
            var direction = node1 == node1IsServer ? Direction.ServerToClient : Direction.ClientToServer;
            var bytes = Convert.FromHexString(line.Trim());
            var gap = GapMarker().Match(Encoding.ASCII.GetString(bytes));
            turns.Add(gap.Success
                ? new TranscriptTurn(direction, null, long.Parse(gap.Groups[1].Value, CultureInfo.InvariantCulture))
                : new TranscriptTurn(direction, bytes));
        }
        return turns;
    }

    private static int PortOf(string nodeLine) =>
        int.Parse(nodeLine[(nodeLine.LastIndexOf(':') + 1)..].Trim(), CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^\[(\d+) bytes missing in capture file\]\0?$")]
    private static partial Regex GapMarker();
}
