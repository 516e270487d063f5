using MailSniffer.Core.Capture;
using MailSniffer.Core.Flows;
using MailSniffer.Core.Frames;
using MailSniffer.Core.Tests.Capture;
using MailSniffer.TestSupport;

namespace MailSniffer.Core.Tests.Frames;

/// <summary>
/// Every public capture, read and frame-decoded: no exception, and the TCP/UDP packets we decode are the ones tshark
/// dissects (same frames, same ports, same TCP sequence numbers and payload lengths).
/// </summary>
public sealed class CorpusDecodeTests
{
    public static TheoryData<string> Captures() => LibpcapAgreementTests.Captures();

    private static string Verdict(bool bad) => bad ? "bad-checksum" : "ok";

    [Theory]
    [MemberData(nameof(Captures))]
    public void Decodes_every_packet_like_tshark(string path)
    {
        if (path.Length == 0)
        {
            Assert.Null(TestPaths.SharedCaptures);
            return;
        }
        var ours = new List<string>();
        var decoder = new FrameDecoder();
        using (var source = CaptureFile.Open(path))
        {
            int frameNumber = 0;
            while (source.TryReadNext(out var raw))
            {
                frameNumber++;
                var packet = new DecodedPacket();
                if (decoder.Decode(raw, ref packet) != FrameDecodeResult.Ok)
                    continue;
                ours.Add(packet.Transport == Transport.Tcp
                    ? $"{frameNumber} tcp {packet.SourcePort} {packet.DestinationPort} {packet.Sequence} {packet.PayloadLengthOnWire} {Verdict(packet.BadChecksum)}"
                    : $"{frameNumber} udp {packet.SourcePort} {packet.DestinationPort} {packet.PayloadLengthOnWire} {Verdict(packet.BadChecksum)}");
            }
        }
        Assert.Equal(decoder.Stats.Frames, decoder.Stats.Ok + decoder.Stats.NotTcpOrUdp + decoder.Stats.Malformed
            + decoder.Stats.UnsupportedLinkType + decoder.Stats.FragmentsHeld);
        Assert.NotEmpty(ours);

        string[] checkAll = ["ip.check_checksum:TRUE", "tcp.check_checksum:TRUE", "udp.check_checksum:TRUE"];
        var tshark = Tshark.Fields(path, checkAll, ["frame.number", "tcp.srcport", "tcp.dstport", "tcp.seq_raw", "tcp.len",
            "udp.srcport", "udp.dstport", "udp.length", "icmp.type", "icmpv6.type", "ip.checksum.status", "tcp.checksum.status", "udp.checksum.status"]);
        if (tshark is null)
            return;
        var theirs = new List<string>();
        foreach (var f in tshark)
        {
            // ICMP errors quote a TCP/UDP header: tshark shows its fields, but that is not a TCP/UDP packet.
            if (f[8].Length > 0 || f[9].Length > 0)
                continue;
            // Checksum status: 0 bad, 1 good, 2 unverified (e.g. cut by the snap length); "bad" if any layer is bad.
            string verdict = Verdict(f[10] == "0" || f[11] == "0" || f[12] == "0");
            if (f[1].Length > 0)
                theirs.Add($"{f[0]} tcp {f[1]} {f[2]} {f[3]} {f[4]} {verdict}");
            else if (f[5].Length > 0)
                theirs.Add($"{f[0]} udp {f[5]} {f[6]} {int.Parse(f[7]) - 8} {verdict}");
        }
        // tshark stops at a damaged record; we read past it (PcapFileReader), so only the packets before it compare.
        if (Path.GetFileName(path) == "surv-smtp-corrupt-record-length.pcap")
        {
            Assert.True(ours.Count > theirs.Count);
            ours = ours.Take(theirs.Count).ToList();
        }
        Assert.Equal(theirs, ours);
    }
}
