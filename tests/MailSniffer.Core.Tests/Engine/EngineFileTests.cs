using MailSniffer.Core.Capture;
using MailSniffer.Core.Flows;
using MailSniffer.Core.Frames;
using MailSniffer.Core.Tests.Tcp;
using MailSniffer.TestSupport;

namespace MailSniffer.Core.Tests.Engine;

/// <summary>
/// The reassembly cases again, but as real frames in pcap and pcapng files read by the managed reader: what a decoder
/// receives must be exactly what the direct segment feed gives, whatever the file format and encapsulation.
/// </summary>
public class EngineFileTests
{
    private const Direction C2S = Direction.ClientToServer;
    private const Direction S2C = Direction.ServerToClient;

    public static TheoryData<CaptureFileFormat> Formats => new() { CaptureFileFormat.Pcap, CaptureFileFormat.PcapNanosecond, CaptureFileFormat.PcapNg };

    private static TcpScript Conversation(TcpScript t) => t.Handshake()
        .S(0, "220 mx ESMTP\r\n")
        .C(0, "EHLO c\r\n", ackOffset: 14)
        .S(14, "250 ok\r\n", ackOffset: 8)
        .C(8, "QUIT\r\n", ackOffset: 22)
        .S(22, "221 bye\r\n", ackOffset: 14)
        .Raw(true, t.ClientIsn + 15, t.ServerIsn + 32, TcpFlags.Fin | TcpFlags.Ack)
        .Raw(false, t.ServerIsn + 32, t.ClientIsn + 16, TcpFlags.Fin | TcpFlags.Ack)
        .Raw(true, t.ClientIsn + 16, t.ServerIsn + 33, TcpFlags.Ack);

    private static void AssertSameAsDirect(TcpScript t, RecordingSink fromFile)
    {
        var direct = t.Run();
        Assert.Equal(direct.Log, fromFile.Log);
        Assert.Equal(direct.Ended.Count, fromFile.Ended.Count);
        for (int i = 0; i < direct.Ended.Count; i++)
        {
            Assert.Equal(direct.Ended[i].EndReason, fromFile.Ended[i].EndReason);
            Assert.Equal(direct.Ended[i].Client.ToString(), fromFile.Ended[i].Client.ToString());
            Assert.Equal(direct.Ended[i].Packets, fromFile.Ended[i].Packets);
        }
    }

    [Theory, MemberData(nameof(Formats))]
    public void PlainConversation(CaptureFileFormat format)
    {
        var t = Conversation(new TcpScript());
        var sink = ScriptCapture.Run(t, format, LinkType.Ethernet, ScriptCapture.Ethernet);
        Assert.Equal("EHLO c\r\nQUIT\r\n", sink.Text(1, C2S));
        Assert.Equal("220 mx ESMTP\r\n250 ok\r\n221 bye\r\n", sink.Text(1, S2C));
        Assert.Equal(FlowEndReason.Fin, sink.Ended[0].EndReason);
        AssertSameAsDirect(t, sink);
    }

    [Theory, MemberData(nameof(Formats))]
    public void OutOfOrderRetransmissionAndOverlap(CaptureFileFormat format)
    {
        var t = new TcpScript().Handshake().C(10, "KLMNO").C(0, "ABCDEFGH").C(6, "GHIJKLM").C(0, "ABCDEFGHIJ").C(10, "KLMNO");
        var sink = ScriptCapture.Run(t, format, LinkType.Ethernet, ScriptCapture.Ethernet);
        Assert.Equal("ABCDEFGHIJKLMNO", sink.Text(1, C2S));
        AssertSameAsDirect(t, sink);
    }

    [Theory, MemberData(nameof(Formats))]
    public void GapIsReportedWithItsLength(CaptureFileFormat format)
    {
        var t = new TcpScript().Handshake().C(0, "first|").C(10, "third|");
        for (int i = 0; i < 1100; i++) t.Raw(false, t.ServerIsn + 1, t.ClientIsn + 17, TcpFlags.Ack);
        var sink = ScriptCapture.Run(t, format, LinkType.Ethernet, ScriptCapture.Ethernet);
        Assert.Equal(new long[] { 4 }, sink.Gaps(1, C2S));
        Assert.Equal("first|third|", sink.Text(1, C2S));
        AssertSameAsDirect(t, sink);
    }

    [Fact]
    public void WrapAround()
    {
        var t = new TcpScript { ClientIsn = 0xFFFF_FFF8, ServerIsn = 0xFFFF_FFFE };
        Conversation(t);
        var sink = ScriptCapture.Run(t, CaptureFileFormat.PcapNg, LinkType.Ethernet, ScriptCapture.Ethernet);
        Assert.Equal("EHLO c\r\nQUIT\r\n", sink.Text(1, C2S));
        Assert.Equal("220 mx ESMTP\r\n250 ok\r\n221 bye\r\n", sink.Text(1, S2C));
        Assert.Equal(FlowEndReason.Fin, sink.Ended[0].EndReason);
    }

    [Fact]
    public void MidStreamPickup()
    {
        var t = new TcpScript { ClientPort = 50123, ServerPort = 587 };
        t.C(500, "RCPT TO:<b@c>\r\n", ackOffset: 90).S(90, "250 ok\r\n", ackOffset: 515);
        var sink = ScriptCapture.Run(t, CaptureFileFormat.Pcap, LinkType.Ethernet, ScriptCapture.Ethernet);
        Assert.True(sink.Ended[0].RolesGuessed);
        Assert.Equal(587, sink.Ended[0].Server.Port);
        AssertSameAsDirect(t, sink);
    }

    [Fact]
    public void RstAndPortReuse()
    {
        var t = new TcpScript().Handshake().C(0, "one").Raw(false, 5001, 1004, TcpFlags.Rst | TcpFlags.Ack)
            .Raw(true, 7000, 0, TcpFlags.Syn).Raw(false, 9000, 7001, TcpFlags.Syn | TcpFlags.Ack).Raw(true, 7001, 9001, TcpFlags.Ack | TcpFlags.Psh, "two");
        var sink = ScriptCapture.Run(t, CaptureFileFormat.PcapNg, LinkType.Ethernet, ScriptCapture.Ethernet);
        Assert.Equal(2, sink.Ended.Count);
        Assert.Equal(FlowEndReason.Rst, sink.Ended[0].EndReason);
        Assert.Equal("two", sink.Text(2, C2S));
        AssertSameAsDirect(t, sink);
    }

    [Fact]
    public void VlanAndQinQ()
    {
        var t = Conversation(new TcpScript());
        var single = ScriptCapture.Run(t, CaptureFileFormat.Pcap, LinkType.Ethernet, ip => new[] { TestPackets.Ethernet(ip, new ushort[] { 42 }) });
        var qinq = ScriptCapture.Run(t, CaptureFileFormat.Pcap, LinkType.Ethernet, ip => new[] { TestPackets.Ethernet(ip, new ushort[] { 100, 42 }, 0x88a8) });
        AssertSameAsDirect(t, single);
        AssertSameAsDirect(t, qinq);
    }

    [Fact]
    public void LinuxCookedV1AndV2NullAndRaw()
    {
        var t = Conversation(new TcpScript());
        AssertSameAsDirect(t, ScriptCapture.Run(t, CaptureFileFormat.PcapNg, LinkType.LinuxSll, ip => new[] { TestPackets.Sll(ip) }));
        AssertSameAsDirect(t, ScriptCapture.Run(t, CaptureFileFormat.PcapNg, LinkType.LinuxSll2, ip => new[] { TestPackets.Sll2(ip) }));
        AssertSameAsDirect(t, ScriptCapture.Run(t, CaptureFileFormat.Pcap, LinkType.Null, ip => new[] { TestPackets.Null(ip) }));
        AssertSameAsDirect(t, ScriptCapture.Run(t, CaptureFileFormat.Pcap, LinkType.Raw, ip => new[] { ip }));
    }

    [Fact]
    public void Ipv6()
    {
        var t = Conversation(new TcpScript { ClientIp = System.Net.IPAddress.Parse("2001:db8::1"), ServerIp = System.Net.IPAddress.Parse("2001:db8::25") });
        var sink = ScriptCapture.Run(t, CaptureFileFormat.PcapNg, LinkType.Ethernet, ScriptCapture.Ethernet);
        Assert.Equal("[2001:db8::1]:40000", sink.Ended[0].Client.ToString());
        AssertSameAsDirect(t, sink);
    }

    [Fact]
    public void Ipv4AndIpv6FragmentsAreReassembledBeforeTcp()
    {
        string big = string.Concat(Enumerable.Range(0, 300).Select(i => $"line {i:D4}\r\n"));
        var t4 = new TcpScript().Handshake().C(0, big);
        var v4 = ScriptCapture.Run(t4, CaptureFileFormat.Pcap, LinkType.Ethernet,
            ip => ip.Length > 1000 ? TestPackets.Ipv4Fragments(ip, 512).AsEnumerable().Reverse().Select(f => TestPackets.Ethernet(f)) : new[] { TestPackets.Ethernet(ip) });
        Assert.Equal(big, v4.Text(1, C2S));

        var t6 = new TcpScript { ClientIp = System.Net.IPAddress.Parse("2001:db8::1"), ServerIp = System.Net.IPAddress.Parse("2001:db8::25") }.Handshake().C(0, big);
        var v6 = ScriptCapture.Run(t6, CaptureFileFormat.PcapNg, LinkType.Ethernet,
            ip => ip.Length > 1000 ? TestPackets.Ipv6Fragments(ip, 512, 77).Select(f => TestPackets.Ethernet(f)) : new[] { TestPackets.Ethernet(ip) });
        Assert.Equal(big, v6.Text(1, C2S));
    }

    [Fact]
    public void SnaplenCutPayloadBecomesDataAndGap()
    {
        var t = new TcpScript().Handshake().C(0, new string('a', 200)).C(200, "end");
        // 14 Ethernet + 20 IP + 20 TCP = 54 header bytes; snaplen 100 keeps 46 payload bytes of the 200.
        var sink = ScriptCapture.Run(t, CaptureFileFormat.Pcap, LinkType.Ethernet, ScriptCapture.Ethernet, snapLength: 100);
        Assert.Equal(new string('a', 46) + "end", sink.Text(1, C2S));
        Assert.Equal(new long[] { 154 }, sink.Gaps(1, C2S));
    }
}
