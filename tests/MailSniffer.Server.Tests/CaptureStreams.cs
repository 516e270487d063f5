using System.Globalization;
using System.Text;

namespace MailSniffer.Server.Tests;

/// <summary>
/// Reassembled TCP payload of one connection as tshark (an independent decoder) sees it, split by direction.
/// Used to check the shipped captures against their truth files without relying on our own capture engine.
/// </summary>
internal static class CaptureStreams
{
    public static async Task<(byte[] ClientToServer, byte[] ServerToClient)> FollowAsync(string pcap, string client, string server)
    {
        var (exit, output, err) = await ExternalTool.RunAsync("tshark", ["-r", pcap, "-q", "-z", $"follow,tcp,raw,{client},{server}"], seconds: 60);
        Assert.True(exit == 0, err);
        var toServer = new MemoryStream();
        var toClient = new MemoryStream();
        var inBody = false;
        foreach (var line in output.Split('\n'))
        {
            if (line.StartsWith("Node 1:", StringComparison.Ordinal))
            {
                inBody = true;
                continue;
            }
            if (!inBody || line.StartsWith("====", StringComparison.Ordinal)) continue;
            var hex = line.Trim();
            if (hex.Length == 0) continue;
            (line.StartsWith('\t') ? toClient : toServer).Write(Convert.FromHexString(hex));
        }
        return (toServer.ToArray(), toClient.ToArray());
    }

    public static string Root()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "MailSniffer.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new DirectoryNotFoundException("repository root (MailSniffer.sln) not found above " + AppContext.BaseDirectory);
    }

    /// <summary>Every message payload a client sent in an SMTP session, by DATA (unstuffed) or BDAT chunks.</summary>
    public static List<byte[]> SmtpPayloads(byte[] clientStream)
    {
        var result = new List<byte[]>();
        var pos = 0;
        MemoryStream? chunks = null;
        while (pos < clientStream.Length)
        {
            var lf = Array.IndexOf(clientStream, (byte)'\n', pos);
            if (lf < 0) break;
            var line = Encoding.ASCII.GetString(clientStream, pos, lf - pos).TrimEnd('\r');
            pos = lf + 1;
            if (line.StartsWith("BDAT ", StringComparison.OrdinalIgnoreCase))
            {
                var parts = line.Split(' ');
                var n = int.Parse(parts[1], CultureInfo.InvariantCulture);
                chunks ??= new MemoryStream();
                chunks.Write(clientStream, pos, n);
                pos += n;
                if (parts.Length > 2)
                {
                    result.Add(chunks.ToArray());
                    chunks = null;
                }
            }
            else if (line.Equals("DATA", StringComparison.OrdinalIgnoreCase))
            {
                var body = new MemoryStream();
                while (true)
                {
                    lf = Array.IndexOf(clientStream, (byte)'\n', pos);
                    var data = clientStream.AsSpan(pos, lf - pos + 1);
                    pos = lf + 1;
                    if (data.SequenceEqual(".\r\n"u8)) break;
                    body.Write(data[0] == '.' ? data[1..] : data);
                }
                result.Add(body.ToArray());
            }
        }
        return result;
    }

    /// <summary>POP3 RETR bodies (dot-unstuffed) in a server stream.</summary>
    public static List<byte[]> Pop3Retrievals(byte[] serverStream)
    {
        var text = Encoding.Latin1.GetString(serverStream);
        var result = new List<byte[]>();
        var at = 0;
        while ((at = text.IndexOf(" octets\r\n", at, StringComparison.Ordinal)) >= 0)
        {
            var start = at + 9;
            var end = text.IndexOf("\r\n.\r\n", start, StringComparison.Ordinal);
            var body = text[start..(end + 2)].Replace("\r\n..", "\r\n.");
            if (body.StartsWith("..", StringComparison.Ordinal)) body = body[1..];
            result.Add(Encoding.Latin1.GetBytes(body));
            at = end;
        }
        return result;
    }

    /// <summary>IMAP BODY[] literals in a server stream.</summary>
    public static List<byte[]> ImapBodies(byte[] serverStream)
    {
        var text = Encoding.Latin1.GetString(serverStream);
        var result = new List<byte[]>();
        var at = 0;
        while ((at = text.IndexOf("BODY[] {", at, StringComparison.Ordinal)) >= 0)
        {
            var close = text.IndexOf('}', at);
            var n = int.Parse(text[(at + 8)..close], CultureInfo.InvariantCulture);
            result.Add(serverStream.AsSpan(close + 3, n).ToArray());
            at = close + 3 + n;
        }
        return result;
    }
}
