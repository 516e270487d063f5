using System.Text.RegularExpressions;
using MailSniffer.Core.Text;
using MailSniffer.TestSupport;
using MailSniffer.Tui.Packets;

namespace MailSniffer.Tui.Tests;

public class PacketsViewModelTests
{
    private static string Program => Path.Combine(AppContext.BaseDirectory, "mailsniffer.dll");

    [Fact]
    public void First_conversation_lists_the_same_frames_as_tshark_and_mailsniffer_flows()
    {
        var vm = DemoPackets.OnPacketsOf(0);
        Assert.Same(vm.Packets, vm.Current);
        var numbers = vm.Packets.PacketRows.Select(r => r.Frame.Number.ToString()).ToList();

        // Our own flow table, through the real program: flow 1 and its packet count.
        var flows = Run($"{Program} flows {DemoCapture.Path}");
        var flow1 = flows.Split('\n').Select(l => Regex.Split(l.Trim(), @"\s+")).First(f => f[0] == "1");
        Assert.Equal("127.0.2.1:33789", flow1[2]);
        Assert.Equal(int.Parse(flow1[6]), numbers.Count);

        var tshark = Tshark.Fields(DemoCapture.Path, "frame.number", "tcp.stream");
        if (tshark != null)
            Assert.Equal(tshark.Where(f => f[1] == "0").Select(f => f[0]).ToList(), numbers);
    }

    [Fact]
    public void Rows_show_direction_flags_relative_seq_and_the_protocol_line()
    {
        var p = DemoPackets.OnPacketsOf(0).Packets;
        Assert.StartsWith("C> 1       0.000000 SYN                0              0", p.Rows[0]);
        Assert.StartsWith("S< 2 ", p.Rows[1]);
        Assert.Contains("SYN,ACK", p.Rows[1]);
        Assert.Contains(p.Rows, r => r.StartsWith("S< 4 ") && r.EndsWith("220 mx.a.test ESMTP MailSniffer ready"));
        Assert.Contains(p.Rows, r => r.StartsWith("C> ") && r.Contains("PSH,ACK") && r.EndsWith("EHLO alice-laptop.a.test"));
        var tshark = Tshark.Fields(DemoCapture.Path, "frame.number", "tcp.seq", "tcp.ack", "tcp.len");
        if (tshark is null) return;
        foreach (var row in p.PacketRows)
        {
            var t = tshark.First(f => f[0] == row.Frame.Number.ToString());
            Assert.Equal(t[1], row.Seq.ToString());
            Assert.Equal(t[3], row.Length.ToString());
            if (row.Ack is { } ack) Assert.Equal(t[2], ack.ToString());
        }
    }

    [Fact]
    public void Enter_dissects_the_packet_with_tshark_s_field_values_and_a_hex_dump()
    {
        var vm = DemoPackets.OnPacketsOf(0);
        vm.HandleKey("Down");
        vm.HandleKey("Down");
        vm.HandleKey("Down");   // frame 4: the server's greeting
        vm.HandleKey("Enter");
        var p = vm.Packets;
        Assert.True(p.Dissecting);
        Assert.StartsWith("Frame 4 (4/", p.Header);
        var t = Tshark.Fields(DemoCapture.Path, "frame.number", "tcp.seq_raw", "tcp.ack_raw", "ip.id", "ip.ttl", "tcp.window_size_value");
        string expectedTcp = "Transmission Control Protocol, Src Port: 587, Dst Port: 33789";
        Assert.Contains(p.Rows, r => r.StartsWith(expectedTcp));
        Assert.Contains(p.Rows, r => r.StartsWith("Ethernet II, Src: "));
        Assert.Contains(p.Rows, r => r == "Internet Protocol Version 4, Src: 127.0.1.1, Dst: 127.0.2.1");
        Assert.Contains("    Flags: 0x018 (PSH, ACK)", p.Rows);
        Assert.Contains(p.Rows, r => r.StartsWith("Payload: 39 bytes  \"220 mx.a.test ESMTP MailSniffer ready\\r\\n\""));
        if (t != null)
        {
            var f4 = t.First(f => f[0] == "4");
            Assert.Contains($"    Sequence number (raw): {f4[1]}", p.Rows);
            Assert.Contains($"    Acknowledgment number (raw): {f4[2]}", p.Rows);
            Assert.Contains($"    Identification: {f4[3]} ({Convert.ToInt32(f4[3], 16)})", p.Rows);
            Assert.Contains($"    Time to live: {f4[4]}", p.Rows);
            Assert.Contains($"    Window: {f4[5]}", p.Rows);
        }

        // Hex dump against tshark -x: same offsets, bytes and ASCII column.
        var hex = p.HexLines;
        Assert.Equal((105 + 15) / 16, hex.Count);
        var x = Run("tshark", $"-r {DemoCapture.Path} -x -Y frame.number==4");
        if (x.Length > 0)
        {
            var expected = x.Split('\n').Where(l => Regex.IsMatch(l, "^[0-9a-f]{4}  ")).Select((l, i) => Tokens(l, Math.Min(16, 105 - 16 * i))).ToList();
            Assert.Equal(expected, hex.Select((l, i) => Tokens(l, Math.Min(16, 105 - 16 * i))).ToList());
        }
        Assert.StartsWith("0000  ", hex[0]);

        vm.HandleKey("]");
        Assert.StartsWith("Frame 5 (5/", p.Header);
        vm.HandleKey("Esc");
        Assert.False(p.Dissecting);
        Assert.Equal(4, p.Selected);
        Assert.Contains("Enter: dissection tree and hex dump", p.Detail);
    }

    [Fact]
    public void Dns_conversation_is_two_udp_datagrams()
    {
        var vm = DemoPackets.OnPacketsOf(2);
        var p = vm.Packets;
        Assert.Equal(2, p.PacketRows.Count);
        Assert.All(p.PacketRows, r => Assert.Equal("UDP", r.Flags));
        Assert.Equal("C>", p.PacketRows[0].Direction);
        Assert.Equal("S<", p.PacketRows[1].Direction);
        vm.HandleKey("Enter");
        Assert.Contains(p.Rows, r => r.StartsWith("User Datagram Protocol, Src Port: 40576, Dst Port: 53"));
    }

    [Fact]
    public void Without_a_store_or_a_selection_the_view_says_what_to_do()
    {
        var vm = new Tui.ViewModels.MainViewModel();
        vm.Update(DemoPackets.Snapshot);
        vm.HandleKey("7");
        Assert.Equal("(packets are not recorded for this capture)", Assert.Single(vm.Rows));
        vm.HandleKey("Enter");   // nothing to dissect: no change, no exception
        Assert.False(vm.Packets.Dissecting);
    }

    [Fact]
    public void Pressing_7_before_view_1_had_rows_still_finds_the_first_conversation()
    {
        var vm = new Tui.ViewModels.MainViewModel();
        vm.Packets.Store = DemoPackets.Index;
        vm.Update(Data.CaptureSnapshot.Empty);   // the program starts before anything is read
        vm.HandleKey("7");
        Assert.StartsWith("(select a conversation", Assert.Single(vm.Rows));
        vm.Update(DemoPackets.Snapshot);         // a later refresh, still on view 7
        Assert.True(vm.Packets.WaitLoaded(TimeSpan.FromSeconds(30)));
        vm.Update(DemoPackets.Snapshot);
        Assert.StartsWith("C> 1 ", vm.Rows[0]);
    }

    private static string Tokens(string line, int bytes)
    {
        // tshark puts no gap after the 8th byte: compare offset, the byte values and the ASCII column.
        var m = Regex.Match(line.TrimEnd(), $@"^([0-9a-f]{{4}})\s+((?:[0-9a-f]{{2}}\s+){{{bytes - 1}}}[0-9a-f]{{2}})\s+(.*)$");
        Assert.True(m.Success, line);
        return $"{m.Groups[1].Value}|{Regex.Replace(m.Groups[2].Value, @"\s+", " ")}|{m.Groups[3].Value}";
    }

    private static string Run(string args) => Run("dotnet", args);

    private static string Run(string file, string args)
    {
        try
        {
            var psi = new System.Diagnostics.ProcessStartInfo(file, args) { RedirectStandardOutput = true, RedirectStandardError = true };
            using var p = System.Diagnostics.Process.Start(psi)!;
            var err = p.StandardError.ReadToEndAsync();
            string output = p.StandardOutput.ReadToEnd();
            p.WaitForExit();
            _ = err.Result;
            return output;
        }
        catch (System.ComponentModel.Win32Exception) { return ""; }
    }
}
