using MailSniffer.Core.Engine;
using MailSniffer.Core.Text;

namespace MailSniffer.Cli.Output;

/// <summary>The one-paragraph account of what was read and what could not be used, on stderr.</summary>
internal static class EngineSummary
{
    public static void Write(TextWriter o, CaptureEngine e)
    {
        var s = e.Stats;
        var t = e.TcpStats;
        o.WriteLine($"# {s.Frames} frames, {s.CaptureBytes} bytes read; tcp {s.TcpPackets}, udp {s.UdpPackets}, other {s.NotTcpOrUdp}, " +
                    $"malformed {s.Malformed}, unsupported link {s.UnsupportedLinkType}, fragments held {s.FragmentsHeld}, bad checksums {s.BadChecksums}");
        o.WriteLine($"# tcp: {t.ConnectionsOpened} connections, {t.PayloadBytes} payload bytes, {t.RetransmittedBytes} retransmitted, " +
                    $"{t.OutOfOrderSegments} out-of-order segments, {t.GapsDeclared} gaps ({t.GapBytes} bytes), {t.HolesForcedByMemoryCap} forced by memory cap, " +
                    $"{t.ConnectionsEvicted} evicted, {t.PortReuses} port reuses");
        foreach (var w in e.Warnings) o.WriteLine($"warning: {SafeText.ForTerminal(w)}");
    }
}
