using MailSniffer.Core.Capture;
using MailSniffer.Core.Flows;
using MailSniffer.Core.Frames;
using MailSniffer.Core.Text;
using MailSniffer.TestSupport;
using MailSniffer.Tui.Packets;

namespace MailSniffer.Tui.Tests;

/// <summary>Hostile frames: PacketDotNet throws on many of them; the view must say "malformed" and carry on.</summary>
public class PacketDissectorTests
{
    private static CapturedFrame Frame(byte[] data, LinkType link = LinkType.Ethernet, int? wire = null) =>
        new(7, new CaptureTime(1_700_000_000_000_000_000), link, data, wire ?? data.Length);

    private static byte[] Smtp => TestPackets.Tcp("10.0.0.1", 40000, "10.0.0.2", 25, 1000, 2000, TcpFlags.Psh | TcpFlags.Ack, "EHLO x\r\n"u8.ToArray());

    [Fact]
    public void A_whole_frame_gives_every_layer()
    {
        var lines = PacketDissector.Dissect(Frame(Smtp)).Select(l => l.ToString()).ToList();
        Assert.Contains("Ethernet II, Src: 02:00:00:00:00:01, Dst: 02:00:00:00:00:02", lines);
        Assert.Contains("Internet Protocol Version 4, Src: 10.0.0.1, Dst: 10.0.0.2", lines);
        Assert.Contains("Transmission Control Protocol, Src Port: 40000, Dst Port: 25, Seq: 1000, Ack: 2000, Len: 8", lines);
        Assert.Contains("Payload: 8 bytes  \"EHLO x\\r\\n\"", lines);
        Assert.DoesNotContain(lines, l => l.StartsWith("malformed"));
    }

    [Fact]
    public void Vlan_tagged_ipv6_shows_the_tag_and_the_addresses()
    {
        var frame = TestPackets.Tcp("2001:db8::1", 40000, "2001:db8::2", 25, 1, 0, TcpFlags.Syn, vlans: new ushort[] { 42 });
        var lines = PacketDissector.Dissect(Frame(frame)).Select(l => l.ToString()).ToList();
        Assert.Contains("802.1Q Virtual LAN, ID: 42", lines);
        Assert.Contains("Internet Protocol Version 6, Src: 2001:db8::1, Dst: 2001:db8::2", lines);
        Assert.Contains("Transmission Control Protocol, Src Port: 40000, Dst Port: 25, Seq: 1, Ack: 0, Len: 0", lines);
    }

    [Fact]
    public void Truncated_frame_is_marked_malformed_and_keeps_the_layers_before()
    {
        var cut = Smtp[..37];   // Ethernet + IPv4 header + 3 bytes of TCP: PacketDotNet throws IndexOutOfRange
        var lines = PacketDissector.Dissect(Frame(cut, wire: Smtp.Length)).Select(l => l.ToString()).ToList();
        Assert.Contains(lines, l => l.StartsWith("malformed: "));
        Assert.Contains("    Truncated by the snap length: " + (Smtp.Length - 37) + " bytes not captured", lines);
        Assert.Contains(lines, l => l.StartsWith("Ethernet II"));

        var rows = PacketRowBuilder.Build(new[] { Frame(cut) }, Endpoints(), "smtp");
        Assert.Equal("malformed: headers truncated or inconsistent", Assert.Single(rows).Summary);
    }

    [Fact]
    public void Garbage_of_every_link_type_never_throws_and_stays_printable()
    {
        var random = new Random(1234);
        var links = Enum.GetValues<LinkType>().Append((LinkType)999).ToArray();
        for (int i = 0; i < 3000; i++)
        {
            var data = new byte[random.Next(0, 120)];
            random.NextBytes(data);
            if (i % 3 == 0 && data.Length > 20) Smtp.AsSpan(0, Math.Min(Smtp.Length, data.Length / 2)).CopyTo(data);   // plausible headers, garbage after
            data.AsSpan(0, Math.Min(4, data.Length)).Fill(0x1b);
            var frame = Frame(data, links[i % links.Length]);
            var lines = PacketDissector.Dissect(frame);
            Assert.NotEmpty(lines);
            Assert.All(lines, l => Assert.Equal(SafeText.ForTerminal(l.Text), l.Text));
            var rows = PacketRowBuilder.Build(new[] { frame }, Endpoints(), "smtp");
            Assert.Single(rows);
            Assert.All(HexDump.Lines(data), l => Assert.DoesNotContain(l, c => c < 0x20 || c >= 0x7f));
        }
    }

    [Fact]
    public void Hex_dump_has_offset_sixteen_bytes_and_ascii()
    {
        var data = "HELO \u001b[31m\r\n0123456789"u8.ToArray();
        var lines = HexDump.Lines(data);
        Assert.Equal("0000  48 45 4c 4f 20 1b 5b 33  31 6d 0d 0a 30 31 32 33  HELO .[31m..0123", lines[0]);
        Assert.Equal("0010  34 35 36 37 38 39" + new string(' ', 3 * 10 + 1) + "  456789", lines[1]);
    }

    private static ConversationEndpoints Endpoints() => ConversationEndpoints.Of(new Data.ConversationRow(1, "smtp", "10.0.0.1:40000", "10.0.0.2:25", null,
        false, null, true, true, 0, 1, 1, 0, 0, 0, DateTime.UnixEpoch, true, Array.Empty<Analysis.Model.TranscriptLine>(), 0))!;
}
