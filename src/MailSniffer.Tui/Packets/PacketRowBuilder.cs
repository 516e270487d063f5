using MailSniffer.Core.Frames;
using MailSniffer.Core.Text;

namespace MailSniffer.Tui.Packets;

/// <summary>
/// Turns a conversation's frames into list rows with our own <see cref="FrameDecoder"/> (which never throws on hostile
/// bytes), in capture order so relative sequence numbers and IP fragment reassembly work as in the engine.
/// </summary>
public static class PacketRowBuilder
{
    public const int SummaryChars = 120;

    public static List<PacketRow> Build(IReadOnlyList<CapturedFrame> frames, ConversationEndpoints endpoints, string protocol)
    {
        var rows = new List<PacketRow>(frames.Count);
        // Loopback and offloading NICs capture packets before their checksums are filled in: not worth a mark on every row.
        var decoder = new FrameDecoder(verifyTransportChecksums: false);
        uint? clientBase = null, serverBase = null;
        long first = frames.Count > 0 ? frames[0].Timestamp.UnixNanoseconds : 0;
        foreach (var f in frames)
        {
            double seconds = (f.Timestamp.UnixNanoseconds - first) / 1e9;
            var p = new DecodedPacket();
            var result = decoder.Decode(f.Data, f.LinkType, f.Timestamp, ref p);
            if (result != FrameDecodeResult.Ok)
            {
                rows.Add(new PacketRow(f, seconds, "--", "", null, null, 0, result switch
                {
                    FrameDecodeResult.FragmentHeld => "IP fragment (reassembled with a later frame)",
                    FrameDecodeResult.Malformed => "malformed: headers truncated or inconsistent",
                    _ => $"not decoded: {result}",
                }));
                continue;
            }
            bool fromClient = endpoints.FromClient(p.Source, p.SourcePort);
            string direction = fromClient ? "C>" : "S<";
            string summary = Summary(p, protocol);
            if (p.Transport != Core.Flows.Transport.Tcp)
            {
                rows.Add(new PacketRow(f, seconds, direction, "UDP", null, null, p.Payload.Length, summary));
                continue;
            }
            ref uint? own = ref fromClient ? ref clientBase : ref serverBase;
            own ??= p.Sequence;
            uint? peer = fromClient ? serverBase : clientBase;
            long seq = unchecked((uint)(p.Sequence - own.Value));
            long? ack = (p.Flags & TcpFlags.Ack) != 0 && peer is { } pb ? unchecked((uint)(p.Acknowledgment - pb)) : null;
            string flags = TcpFlagNames.Of((byte)p.Flags, ",");
            rows.Add(new PacketRow(f, seconds, direction, flags, seq, ack, p.PayloadLengthOnWire, summary));
        }
        return rows;
    }

    private static string Summary(in DecodedPacket p, string protocol)
    {
        var payload = p.Payload;
        if (payload.IsEmpty) return "";
        int printable = 0;
        int sample = Math.Min(payload.Length, 64);
        for (int i = 0; i < sample; i++) if (payload[i] is >= 0x20 and < 0x7f or (byte)'\r' or (byte)'\n' or (byte)'\t') printable++;
        if (printable < sample * 3 / 4) return $"{protocol} {payload.Length} bytes (binary)";
        int end = payload.IndexOfAny((byte)'\r', (byte)'\n');
        var line = payload[..(end < 0 ? Math.Min(payload.Length, SummaryChars) : Math.Min(end, SummaryChars))];
        return SafeText.ForTerminal(line);
    }
}
