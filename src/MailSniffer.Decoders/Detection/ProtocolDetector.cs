using MailSniffer.Decoders.Dns;
using MailSniffer.Decoders.Tls;

namespace MailSniffer.Decoders.Detection;

/// <summary>
/// Decides what a TCP connection speaks from its first bytes: TLS by record header, SMTP/POP3/IMAP by greeting, replies
/// and commands (also mid-session), DNS by a length-prefixed message that parses. The port only breaks ties between
/// protocols that the bytes leave open (a lone "QUIT" or "+ "); it never decides on its own.
/// </summary>
public sealed class ProtocolDetector
{
    public const int DefaultWindow = 4096;
    private const int MaxLinesPerSide = 16;

    private static readonly Dictionary<ushort, string> PortHints = new()
    {
        [25] = "smtp", [465] = "smtp", [587] = "smtp", [2525] = "smtp",
        [110] = "pop3", [995] = "pop3",
        [143] = "imap", [993] = "imap",
        [53] = "dns",
    };

    /// <summary>
    /// <paramref name="client"/> and <paramref name="server"/> are the first bytes of each direction (after the last gap).
    /// <paramref name="final"/>: no more bytes will come (window full or flow ended), so answer Decided or Unknown.
    /// </summary>
    public DetectionResult Detect(ReadOnlySpan<byte> client, ReadOnlySpan<byte> server, ushort serverPort, bool final)
    {
        var clientTls = TlsRecordHeader.Recognize(client);
        var serverTls = TlsRecordHeader.Recognize(server);
        if (clientTls == TlsRecognition.Tls) return DetectionResult.Decided("tls", "TLS record header from the client");
        if (serverTls == TlsRecognition.Tls) return DetectionResult.Decided("tls", "TLS record header from the server");

        LineEvidence ambiguous = LineEvidence.None;
        var fromServer = Scan(server, isServer: true, final, ref ambiguous);
        if (fromServer.IsDecisive) return DetectionResult.Decided(fromServer.Protocol!, fromServer.What);
        var fromClient = Scan(client, isServer: false, final, ref ambiguous);
        if (fromClient.IsDecisive) return DetectionResult.Decided(fromClient.Protocol!, fromClient.What);

        // Only when neither side reads right way round: maybe the roles were guessed wrong.
        LineEvidence ignored = LineEvidence.None;
        var swappedServer = Scan(client, isServer: true, final, ref ignored);
        if (swappedServer.IsDecisive) return DetectionResult.Decided(swappedServer.Protocol!, swappedServer.What + " (roles reversed)") with { RolesReversed = true };
        var swappedClient = Scan(server, isServer: false, final, ref ignored);
        if (swappedClient.IsDecisive) return DetectionResult.Decided(swappedClient.Protocol!, swappedClient.What + " (roles reversed)") with { RolesReversed = true };

        var dns = DnsOverTcp(client, server);
        if (dns != null) return DetectionResult.Decided("dns", dns);

        if (!final) return DetectionResult.Undecided;

        // A large response (bigger than the window) never parses whole here; on the DNS port a sane header will do.
        if (serverPort == 53 && (PlausibleDnsHeader(client) || PlausibleDnsHeader(server)))
            return DetectionResult.Decided("dns", "length-prefixed DNS header on port 53 (message larger than the detection window)");

        if (ambiguous.IsAmbiguous && PortHints.TryGetValue(serverPort, out var hinted) && ambiguous.Candidates!.Contains(hinted))
            return DetectionResult.Decided(hinted, $"{ambiguous.What}, port {serverPort}");
        if (client.IsEmpty && server.IsEmpty) return DetectionResult.Unknown("no payload");
        return DetectionResult.Unknown(ambiguous.IsAmbiguous ? $"only ambiguous evidence ({ambiguous.What})" : "no known protocol in the first bytes");
    }

    /// <summary>
    /// A UDP payload with a well-formed DNS header and question section. Off the DNS ports, where a false positive is
    /// likelier, it must also carry 1-4 questions and parse whole.
    /// </summary>
    public static bool LooksLikeDnsDatagram(ReadOnlySpan<byte> payload, ushort port1, ushort port2)
    {
        if (!DnsQuestionSection.IsWellFormed(payload)) return false;
        bool dnsPort = port1 is 53 or 5353 or 5355 || port2 is 53 or 5353 or 5355;
        if (dnsPort) return true;
        int qd = payload[4] << 8 | payload[5];
        return qd is >= 1 and <= 4 && DnsMessageProcessor.TryParse(payload, out _, out _);
    }

    private static LineEvidence Scan(ReadOnlySpan<byte> data, bool isServer, bool final, ref LineEvidence ambiguous)
    {
        int lines = 0;
        while (!data.IsEmpty && lines++ < MaxLinesPerSide)
        {
            int lf = data.IndexOf((byte)'\n');
            if (lf < 0 && !final) break;
            var line = lf < 0 ? data : data[..lf];
            if (!line.IsEmpty && line[^1] == '\r') line = line[..^1];
            var e = isServer ? MailLineClassifier.Server(line) : MailLineClassifier.Client(line);
            if (e.IsDecisive) return e;
            if (e.IsAmbiguous && !ambiguous.IsAmbiguous) ambiguous = e;
            data = lf < 0 ? default : data[(lf + 1)..];
        }
        return LineEvidence.None;
    }

    private static bool PlausibleDnsHeader(ReadOnlySpan<byte> data)
    {
        if (data.Length < 2 + DnsMessageProcessor.HeaderLength) return false;
        int length = data[0] << 8 | data[1];
        int opcode = data[4] >> 3 & 0xF;
        int questions = data[6] << 8 | data[7];
        return length > data.Length - 2 && opcode == 0 && questions is 1;
    }

    private static string? DnsOverTcp(ReadOnlySpan<byte> client, ReadOnlySpan<byte> server)
    {
        foreach (var (data, who) in new[] { (client.ToArray(), "client"), (server.ToArray(), "server") })
        {
            if (data.Length < 2 + DnsMessageProcessor.HeaderLength) continue;
            int length = data[0] << 8 | data[1];
            if (length < DnsMessageProcessor.HeaderLength || data.Length < 2 + length) continue;
            if (DnsMessageProcessor.TryParse(data.AsSpan(2, length), out _, out _))
                return $"length-prefixed DNS message from the {who} parses";
        }
        return null;
    }
}
