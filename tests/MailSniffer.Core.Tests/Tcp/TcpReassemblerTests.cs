using MailSniffer.Core.Flows;
using MailSniffer.Core.Frames;
using MailSniffer.Core.Tcp;

namespace MailSniffer.Core.Tests.Tcp;

public class TcpReassemblerTests
{
    private const Direction C2S = Direction.ClientToServer;
    private const Direction S2C = Direction.ServerToClient;

    private static TcpScript Close(TcpScript t, uint clientLen, uint serverLen) => t
        .Raw(true, t.ClientIsn + 1 + clientLen, t.ServerIsn + 1 + serverLen, TcpFlags.Fin | TcpFlags.Ack)
        .Raw(false, t.ServerIsn + 1 + serverLen, t.ClientIsn + 2 + clientLen, TcpFlags.Fin | TcpFlags.Ack)
        .Raw(true, t.ClientIsn + 2 + clientLen, t.ServerIsn + 2 + serverLen, TcpFlags.Ack);

    [Fact]
    public void InOrderConversationWithHandshakeAndFin()
    {
        var t = new TcpScript().Handshake()
            .S(0, "220 hi\r\n")
            .C(0, "EHLO x\r\n", ackOffset: 8)
            .S(8, "250 ok\r\n", ackOffset: 8);
        var sink = Close(t, 8, 16).Run();

        var f = Assert.Single(sink.Ended);
        Assert.Equal("EHLO x\r\n", sink.Text(f.Id, C2S));
        Assert.Equal("220 hi\r\n250 ok\r\n", sink.Text(f.Id, S2C));
        Assert.Equal(FlowEndReason.Fin, f.EndReason);
        Assert.True(f.HandshakeSeen);
        Assert.False(f.RolesGuessed);
        Assert.Equal("10.0.0.1:40000", f.Client.ToString());
        Assert.Equal(8, f.BytesClientToServer);
        Assert.Equal(16, f.BytesServerToClient);
        Assert.Equal(0, f.Gaps);
        Assert.Equal(9, f.Packets);
        // Interleaving follows capture order: greeting, command, reply.
        Assert.Equal(new[] { "1 s2c data:220 hi\r\n", "1 c2s data:EHLO x\r\n", "1 s2c data:250 ok\r\n" }, sink.Log);
    }

    [Fact]
    public void OutOfOrderSegmentsAreDeliveredInOrder()
    {
        var sink = new TcpScript().Handshake()
            .C(6, "ghi").C(0, "abc").C(9, "jkl").C(3, "def")
            .Run();
        Assert.Equal("abcdefghijkl", sink.Text(1, C2S));
        Assert.Empty(sink.Gaps(1, C2S));
    }

    [Fact]
    public void RetransmissionsAreDeliveredOnce()
    {
        var sink = new TcpScript().Handshake()
            .C(0, "hello ").C(0, "hello ").C(6, "world").C(6, "world").C(0, "hello world")
            .Run();
        Assert.Equal("hello world", sink.Text(1, C2S));
    }

    [Fact]
    public void ResegmentedRetransmissionOverlappingPartiallyIsDeliveredOnce()
    {
        // The field-notes case: 10 bytes sent, lost, re-sent as 8 + 2 while a later segment is already buffered.
        var sink = new TcpScript().Handshake()
            .C(10, "KLMNO").C(0, "ABCDEFGH").C(6, "GHIJKLM").C(0, "ABCDEFGHIJ")
            .Run();
        Assert.Equal("ABCDEFGHIJKLMNO", sink.Text(1, C2S));
        Assert.Empty(sink.Gaps(1, C2S));
    }

    [Fact]
    public void OverlapPolicyDeliveredBytesAreNeverReplaced()
    {
        // Conflicting copies (an evasion attempt): what was delivered in order stands; among buffered, lowest start wins.
        var sink = new TcpScript().Handshake()
            .C(0, "AAAA").C(2, "xxYY").C(8, "CC").C(6, "zzzz")
            .Run();
        Assert.Equal("AAAAYYzzzz", sink.Text(1, C2S));
    }

    [Fact]
    public void LostSegmentBecomesAGapOnceTheReceiverAcknowledgedPastIt()
    {
        var t = new TcpScript().Handshake()
            .C(0, "first|").C(10, "third|")
            .Raw(false, 5001, 1001 + 16, TcpFlags.Ack); // server acked everything: bytes 6..10 were received, not captured
        for (int i = 0; i < 1100; i++) t.Raw(false, 5001, 1001 + 16, TcpFlags.Ack);
        t.C(16, "fourth");
        var sink = t.Run();
        Assert.Equal(new long[] { 4 }, sink.Gaps(1, C2S));
        Assert.Equal("first|third|fourth", sink.Text(1, C2S));
        var f = sink.Ended[0];
        Assert.Equal(1, f.Gaps);
        Assert.Equal(4, f.GapBytes);
        int gapAt = sink.Log.IndexOf("1 c2s gap:4");
        Assert.True(gapAt > sink.Log.IndexOf("1 c2s data:first|") && gapAt < sink.Log.IndexOf("1 c2s data:third|"));
    }

    [Fact]
    public void HoleStillOpenAtCaptureEndIsReportedAsGap()
    {
        var sink = new TcpScript().Handshake().C(0, "abc").C(5, "fgh").Run();
        Assert.Equal("abcfgh", sink.Text(1, C2S));
        Assert.Equal(new long[] { 2 }, sink.Gaps(1, C2S));
    }

    [Fact]
    public void SequenceNumbersWrapAround()
    {
        var t = new TcpScript { ClientIsn = 0xFFFF_FFF0 }.Handshake();
        t.C(0, "0123456789").C(20, "KLMNO").C(10, "ABCDEFGHIJ"); // crosses 2^32 at offset 15
        var sink = t.Run();
        Assert.Equal("0123456789ABCDEFGHIJKLMNO", sink.Text(1, C2S));
        Assert.Empty(sink.Gaps(1, C2S));
    }

    [Fact]
    public void MidStreamConnectionIsDecodedWithGuessedRoles()
    {
        // No SYN; the first packet seen is the client's command, sent to port 25.
        var t = new TcpScript { ServerPort = 25, ClientPort = 51000 };
        t.C(100, "MAIL FROM:<a@b>\r\n", ackOffset: 50).S(50, "250 ok\r\n", ackOffset: 117);
        var sink = t.Run();
        var f = sink.Ended[0];
        Assert.True(f.RolesGuessed);
        Assert.False(f.HandshakeSeen);
        Assert.Equal(25, f.Server.Port);
        Assert.Equal("MAIL FROM:<a@b>\r\n", sink.Text(1, C2S));
        Assert.Equal("250 ok\r\n", sink.Text(1, S2C));
    }

    [Fact]
    public void MidStreamRolesComeFromContentWhenPortsSayNothing()
    {
        // Both ports ephemeral: the greeting's sender is the server.
        var t = new TcpScript { ServerPort = 40025, ClientPort = 40026 };
        t.S(0, "220 mail ESMTP\r\n");
        var sink = t.Run();
        Assert.Equal(40025, sink.Ended[0].Server.Port);
        Assert.Equal("220 mail ESMTP\r\n", sink.Text(1, S2C));
    }

    [Fact]
    public void RstEndsTheConnection()
    {
        var sink = new TcpScript().Handshake().C(0, "QUIT\r\n").Raw(false, 5001, 1007, TcpFlags.Rst | TcpFlags.Ack).Run();
        Assert.Equal(FlowEndReason.Rst, sink.Ended[0].EndReason);
        Assert.Equal("QUIT\r\n", sink.Text(1, C2S));
    }

    [Fact]
    public void PortReuseAfterCloseStartsANewConnection()
    {
        var t = new TcpScript().Handshake().C(0, "one");
        Close(t, 3, 0);
        t.Raw(false, 5002, 1005, TcpFlags.Rst); // trailing RST of the old connection: ignored
        t.Raw(true, 90000, 0, TcpFlags.Syn).Raw(false, 70000, 90001, TcpFlags.Syn | TcpFlags.Ack)
         .Raw(true, 90001, 70001, TcpFlags.Ack | TcpFlags.Psh, "two");
        var sink = t.Run();
        Assert.Equal(2, sink.Ended.Count);
        Assert.Equal("one", sink.Text(1, C2S));
        Assert.Equal("two", sink.Text(2, C2S));
        Assert.Equal(FlowEndReason.Fin, sink.Ended[0].EndReason);
    }

    [Fact]
    public void KeepAliveAndZeroWindowProbeDoNotDuplicateData()
    {
        var t = new TcpScript().Handshake().C(0, "abcd");
        t.C(3, "d"); // keep-alive: one old byte at next-1
        t.C(4, "e"); // zero-window probe: the next byte, sent again later with more
        t.C(4, "efgh");
        var sink = t.Run();
        Assert.Equal("abcdefgh", sink.Text(1, C2S));
    }

    [Fact]
    public void SnaplenCutPayloadIsDataThenGap()
    {
        var sink = new TcpScript().Handshake().C(0, "0123456789", wire: 25).C(25, "tail").Run();
        Assert.Equal("0123456789tail", sink.Text(1, C2S));
        Assert.Equal(new long[] { 15 }, sink.Gaps(1, C2S));
    }

    [Fact]
    public void ReplyIsHeldUntilTheCommandItAcknowledgesArrives()
    {
        // Capture reordering: the server's reply (acking the command) is captured before the command itself.
        var t = new TcpScript().Handshake()
            .S(0, "220 hi\r\n")
            .S(8, "250 ok\r\n", ackOffset: 8)
            .C(0, "NOOP\r\n\r\n", ackOffset: 8);
        var sink = t.Run();
        Assert.Equal(new[] { "1 s2c data:220 hi\r\n", "1 c2s data:NOOP\r\n\r\n", "1 s2c data:250 ok\r\n" }, sink.Log);
        Assert.Empty(sink.Gaps(1, C2S));
    }

    [Fact]
    public void HeldReplyIsReleasedWithAGapWhenTheCommandNeverComes()
    {
        var t = new TcpScript().Handshake().S(0, "220 hi\r\n").S(8, "250 ok\r\n", ackOffset: 6);
        for (int i = 0; i < 1100; i++) t.Raw(true, 1001 + 6, 5001 + 16, TcpFlags.Ack);
        var sink = t.Run();
        Assert.Equal(new[] { "1 s2c data:220 hi\r\n", "1 c2s gap:6", "1 s2c data:250 ok\r\n" }, sink.Log);
    }

    [Fact]
    public void PerConnectionCapTurnsAHoleIntoAGapAndBoundsMemory()
    {
        var t = new TcpScript().Handshake();
        string chunk = new string('x', 1000);
        for (uint i = 1; i <= 100; i++) t.C(i * 1000, chunk); // offset 0..999 never arrives
        var opts = new TcpReassemblerOptions { MaxBufferedBytesPerConnection = 10_000 };
        var sink = t.Run(opts);
        Assert.Equal(new long[] { 1000 }, sink.Gaps(1, C2S));
        Assert.Equal(100_000, sink.Bytes(1, C2S).Length);
        Assert.Equal(1000, sink.Ended[0].DroppedBytes);
    }

    [Fact]
    public void HalfOpenFloodIsBoundedByTheFlowCap()
    {
        var sink = new RecordingSink();
        var opts = new TcpReassemblerOptions { MaxFlows = 1000 };
        var tracker = new FlowTracker(sink, opts);
        var server = IpAddress128.FromIPAddress(System.Net.IPAddress.Parse("10.9.9.9"));
        for (int i = 0; i < 200_000; i++)
        {
            var p = new DecodedPacket
            {
                Timestamp = new MailSniffer.Core.Capture.CaptureTime(1_700_000_000_000_000_000L + i * 1000L),
                Source = new IpAddress128(0, 0x0000_FFFF_0A00_0000UL | (uint)(i >> 16), true),
                Destination = server,
                SourcePort = (ushort)(i & 0xFFFF),
                DestinationPort = 25,
                Transport = Transport.Tcp,
                Sequence = (uint)i,
                Flags = TcpFlags.Syn,
            };
            tracker.Process(p);
        }
        Assert.True(tracker.TcpStats.ConnectionsEvicted >= 199_000);
        Assert.True(sink.Started.Count - sink.Ended.Count <= 1000);
        tracker.Finish();
        Assert.Equal(200_000, sink.Ended.Count);
    }

    [Fact]
    public void IdleConnectionsTimeOutInCaptureTime()
    {
        var t = new TcpScript().Handshake().C(0, "x");
        var sink = new RecordingSink();
        var tracker = new FlowTracker(sink, new TcpReassemblerOptions { IdleTimeout = TimeSpan.FromSeconds(30) });
        t.Feed(tracker);
        tracker.ExpireIdle(new MailSniffer.Core.Capture.CaptureTime((1_700_000_000_000_000 + 60_000_000) * 1000));
        Assert.Equal(FlowEndReason.Timeout, Assert.Single(sink.Ended).EndReason);
    }

    [Fact]
    public void StreamsAreIdenticalWhateverTheSegmentation()
    {
        var rng = new Random(7);
        var data = new byte[20_000];
        rng.NextBytes(data);
        string text = System.Text.Encoding.Latin1.GetString(data);
        for (int trial = 0; trial < 20; trial++)
        {
            var t = new TcpScript { ClientIsn = (uint)rng.Next() }.Handshake();
            var pieces = new List<(uint Off, string S)>();
            for (int off = 0; off < text.Length;)
            {
                int n = Math.Min(rng.Next(1, 1500), text.Length - off);
                pieces.Add(((uint)off, text.Substring(off, n)));
                off += n;
            }
            // Shuffle locally (reordering within a window of 5) and duplicate some.
            for (int i = 0; i < pieces.Count - 1; i++)
            {
                int j = Math.Min(pieces.Count - 1, i + rng.Next(1, 5));
                if (rng.Next(3) == 0) (pieces[i], pieces[j]) = (pieces[j], pieces[i]);
            }
            foreach (var (off, s) in pieces)
            {
                t.C(off, s);
                if (rng.Next(5) == 0) t.C(off, s);
            }
            var sink = t.Run();
            Assert.Equal(data, sink.Bytes(1, C2S));
            Assert.Empty(sink.Gaps(1, C2S));
        }
    }

    [Fact]
    public void WholeSuperSegmentCapturedLateAfterItsAckIsStillDelivered()
    {
        // Loopback/TSO: a 45-frame send is captured after the receiver's ACK for it and after more data (benchmark workload).
        var t = new TcpScript().Handshake();
        string chunk = new string('z', 1448);
        for (uint i = 45; i < 90; i++) t.C(i * 1448, chunk);
        t.Raw(false, t.ServerIsn + 1, t.ClientIsn + 1 + 90 * 1448, TcpFlags.Ack);
        for (int i = 0; i < 30; i++) t.Raw(false, t.ServerIsn + 1, t.ClientIsn + 1 + 90 * 1448, TcpFlags.Ack);
        for (uint i = 0; i < 45; i++) t.C(i * 1448, chunk);
        var sink = t.Run();
        Assert.Empty(sink.Gaps(1, C2S));
        Assert.Equal(90 * 1448, sink.Bytes(1, C2S).Length);
    }

    [Fact]
    public void LostSegmentIsDeclaredAfterTheTimeWindowInLiveTraffic()
    {
        var t = new TcpScript().Handshake().C(0, "a").C(5, "b");
        t.Raw(false, t.ServerIsn + 1, t.ClientIsn + 7, TcpFlags.Ack);
        var sink = new RecordingSink();
        var tracker = new FlowTracker(sink, new TcpReassemblerOptions { ReorderWindowTime = TimeSpan.FromMilliseconds(1) });
        t.Feed(tracker);
        // One more packet 5 ms later triggers the check.
        var later = new TcpScript().Raw(false, t.ServerIsn + 1, t.ClientIsn + 7, TcpFlags.Ack);
        var s = later.Segments[0];
        var p = new DecodedPacket
        {
            Timestamp = new MailSniffer.Core.Capture.CaptureTime((t.Segments[^1].TimeUs + 5000) * 1000),
            Source = IpAddress128.FromIPAddress(t.ServerIp), Destination = IpAddress128.FromIPAddress(t.ClientIp),
            SourcePort = t.ServerPort, DestinationPort = t.ClientPort, Transport = Transport.Tcp,
            Sequence = s.Seq, Acknowledgment = s.Ack, Flags = s.Flags,
        };
        tracker.Process(p);
        Assert.Equal(new long[] { 4 }, sink.Gaps(1, C2S));
        Assert.Equal("ab", sink.Text(1, C2S));
    }
}
