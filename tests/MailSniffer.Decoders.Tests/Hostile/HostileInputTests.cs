using System.Text;
using MailSniffer.Core.Capture;
using MailSniffer.Core.Flows;
using MailSniffer.Decoders.Common;
using MailSniffer.Decoders.Events;
using MailSniffer.Decoders.Pop3;
using MailSniffer.Decoders.Smtp;

using MailSniffer.Decoders.Tests.Support;

namespace MailSniffer.Decoders.Tests.Hostile;

/// <summary>Garbage, protocol-shaped garbage, over-long lines: no exception, bounded buffers, the flow flagged, decoding goes on.</summary>
public sealed class HostileInputTests
{
    private const long BufferCap = 2L * LineFramer.DefaultMaxLineLength + 256 * 1024 + 2 * 256 * 1024;

    private static readonly string[] SmtpTokens =
    [
        "EHLO x\r\n", "MAIL FROM:<a@b>\r\n", "RCPT TO:<c@d>\r\n", "DATA\r\n", "BDAT 7\r\n", "BDAT 3 LAST\r\n", "BDAT 99999999999\r\n",
        "AUTH LOGIN\r\n", "AUTH CRAM-MD5\r\n", "AUTH PLAIN\r\n", "dXNlcg==\r\n", "*\r\n", ".\r\n", "..\r\n", "\r\n", "RSET\r\n",
        "250-x\r\n", "250 ok\r\n", "334 VXNlcm5hbWU6\r\n", "354 go\r\n", "503 no\r\n", "235 ok\r\n", "\r", "\n", ".", "STARTTLS\r\n",
    ];

    private static readonly string[] Pop3Tokens =
    [
        "+OK\r\n", "-ERR\r\n", "+ \r\n", "USER a\r\n", "PASS b\r\n", "APOP a 0123\r\n", "RETR 1\r\n", "TOP 1 0\r\n", "LIST\r\n", "CAPA\r\n",
        "AUTH PLAIN\r\n", "AUTH\r\n", "AGFAYg==\r\n", ".\r\n", "..x\r\n", "1 20\r\n", "\r\n", "\r", "\n", ".", "STLS\r\n",
    ];

    public static TheoryData<int> Seeds => new() { 1, 7, 99 };

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Smtp_survives_random_bytes_and_protocol_shaped_garbage(int seed)
    {
        var sink = new ListEventSink();
        var decoder = new SmtpDecoder(TestFlows.Context(), sink);
        var random = new Random(seed);
        FeedGarbage(random, SmtpTokens, 4 << 20, (dir, data, ts) => decoder.Feed(dir, data, ts), (dir, n, ts) => decoder.Gap(dir, n, ts),
            () => Assert.InRange(decoder.BufferedBytes, 0, BufferCap));
        Assert.InRange(decoder.PendingCommandCount, 0, SmtpDecoderOptions.Default.MaxPendingCommands);
        decoder.Finish(new CaptureTime(1));
        Assert.Contains(sink.Events, e => e is AnomalyEvent);
        Assert.InRange(sink.Events.OfType<AnomalyEvent>().Count(), 1, SmtpDecoderOptions.Default.MaxAnomalies);
        DisposeMessages(sink);
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Pop3_survives_random_bytes_and_protocol_shaped_garbage(int seed)
    {
        var sink = new ListEventSink();
        var decoder = new Pop3Decoder(TestFlows.Context(), sink);
        var random = new Random(seed);
        FeedGarbage(random, Pop3Tokens, 4 << 20, (dir, data, ts) => decoder.Feed(dir, data, ts), (dir, n, ts) => decoder.Gap(dir, n, ts),
            () => Assert.InRange(decoder.BufferedBytes, 0, BufferCap));
        Assert.InRange(decoder.PendingCommandCount, 0, Pop3DecoderOptions.Default.MaxPendingCommands);
        decoder.Finish(new CaptureTime(1));
        Assert.Contains(sink.Events, e => e is AnomalyEvent);
        DisposeMessages(sink);
    }

    [Fact]
    public void Smtp_pure_binary_on_port_25_is_flagged_without_commands()
    {
        var sink = new ListEventSink();
        var decoder = new SmtpDecoder(TestFlows.Context(), sink);
        var random = new Random(5);
        var buffer = new byte[1460];
        for (int i = 0; i < 2000; i++)
        {
            random.NextBytes(buffer);
            // Keep the first byte of each segment away from '\n' patterns that could form words: pure noise.
            var status = decoder.Feed(i % 3 == 0 ? Direction.ServerToClient : Direction.ClientToServer, buffer, new CaptureTime(i));
            Assert.NotEqual(DecodeStatus.Done, status.Status);
            Assert.InRange(decoder.BufferedBytes, 0, BufferCap);
        }
        decoder.Finish(new CaptureTime(9999));
        Assert.Contains(sink.Events, e => e is AnomalyEvent);
        Assert.Empty(sink.Events.OfType<MessageEvent>());
    }

    [Fact]
    public void Smtp_50_MB_line_without_crlf_is_capped_and_the_rest_decoded()
    {
        var sink = new ListEventSink();
        var decoder = new SmtpDecoder(TestFlows.Context(), sink);
        decoder.Feed(Direction.ServerToClient, "220 mx\r\n"u8, new CaptureTime(1));
        var piece = new byte[64 * 1024];
        Array.Fill(piece, (byte)'A');
        for (int i = 0; i < 800; i++)
        {
            decoder.Feed(Direction.ClientToServer, piece, new CaptureTime(2));
            Assert.InRange(decoder.BufferedBytes, 0, LineFramer.DefaultMaxLineLength + 16);
        }
        decoder.Feed(Direction.ClientToServer, "\r\nMAIL FROM:<a@x>\r\nRCPT TO:<b@y>\r\nDATA\r\n"u8, new CaptureTime(3));
        decoder.Feed(Direction.ServerToClient, "500 too long\r\n250 ok\r\n250 ok\r\n354 go\r\n"u8, new CaptureTime(4));
        decoder.Feed(Direction.ClientToServer, "after the flood\r\n.\r\n"u8, new CaptureTime(5));
        decoder.Finish(new CaptureTime(6));
        var anomaly = Assert.Single(sink.Events.OfType<AnomalyEvent>());
        Assert.Contains("longer than", anomaly.Reason);
        var m = Assert.Single(sink.Events.OfType<MessageEvent>());
        Assert.Equal("after the flood\r\n", Encoding.ASCII.GetString(m.Content.ToArray()));
        Assert.Equal("a@x", m.MailFrom);
    }

    [Fact]
    public void Pop3_50_MB_server_line_without_crlf_is_capped_and_the_rest_decoded()
    {
        var sink = new ListEventSink();
        var decoder = new Pop3Decoder(TestFlows.Context(), sink);
        var piece = new byte[64 * 1024];
        Array.Fill(piece, (byte)'B');
        decoder.Feed(Direction.ServerToClient, "+OK ready "u8, new CaptureTime(1));
        for (int i = 0; i < 800; i++)
        {
            decoder.Feed(Direction.ServerToClient, piece, new CaptureTime(2));
            Assert.InRange(decoder.BufferedBytes, 0, LineFramer.DefaultMaxLineLength + 16);
        }
        decoder.Feed(Direction.ServerToClient, "\r\n"u8, new CaptureTime(3));
        decoder.Feed(Direction.ClientToServer, "RETR 1\r\n"u8, new CaptureTime(4));
        decoder.Feed(Direction.ServerToClient, "+OK\r\nbody\r\n.\r\n"u8, new CaptureTime(5));
        decoder.Finish(new CaptureTime(6));
        Assert.Contains(sink.Events.OfType<AnomalyEvent>(), a => a.Reason.Contains("longer than"));
        Assert.Equal("body\r\n", Encoding.ASCII.GetString(Assert.Single(sink.Events.OfType<MessageEvent>()).Content.ToArray()));
    }

    [Fact]
    public void Endless_unknown_sasl_exchange_stays_bounded()
    {
        var sink = new ListEventSink();
        var decoder = new SmtpDecoder(TestFlows.Context(), sink);
        decoder.Feed(Direction.ClientToServer, "AUTH GSSAPI\r\n"u8, new CaptureTime(1));
        var line = Encoding.ASCII.GetBytes(new string('Q', 60000) + "\r\n");
        for (int i = 0; i < 500; i++) decoder.Feed(Direction.ClientToServer, line, new CaptureTime(2));
        Assert.InRange(decoder.BufferedBytes, 0, LineFramer.DefaultMaxLineLength);
        var before = GC.GetTotalMemory(forceFullCollection: true);
        for (int i = 0; i < 500; i++) decoder.Feed(Direction.ClientToServer, line, new CaptureTime(3));
        var after = GC.GetTotalMemory(forceFullCollection: true);
        Assert.InRange(after - before, long.MinValue, 8L << 20);
        GC.KeepAlive(decoder);
    }

    [Fact]
    public void Recipient_flood_and_over_long_paths_are_capped()
    {
        var sink = new ListEventSink();
        var decoder = new SmtpDecoder(TestFlows.Context(), sink, new SmtpDecoderOptions { MaxRecipients = 500 });
        var sb = new StringBuilder("MAIL FROM:<" + new string('f', 5000) + "@x>\r\n");
        for (int i = 0; i < 2000; i++) sb.Append("RCPT TO:<r").Append(i).Append("@y>\r\n");
        sb.Append("DATA\r\nbody\r\n.\r\n");
        decoder.Feed(Direction.ClientToServer, Encoding.ASCII.GetBytes(sb.ToString()), new CaptureTime(1));
        decoder.Finish(new CaptureTime(2));
        var m = Assert.Single(sink.Events.OfType<MessageEvent>());
        Assert.Equal(500, m.RcptTo!.Count);
        Assert.Equal(1024, m.MailFrom!.Length);
        Assert.Contains(sink.Events.OfType<AnomalyEvent>(), a => a.Reason.Contains("recipients"));
    }

    private static void FeedGarbage(Random random, string[] tokens, int totalBytes,
        Func<Direction, byte[], CaptureTime, DecodeResult> feed, Func<Direction, long, CaptureTime, DecodeResult> gap, Action checkBounds)
    {
        int sent = 0;
        long t = 0;
        while (sent < totalBytes)
        {
            var dir = random.Next(2) == 0 ? Direction.ClientToServer : Direction.ServerToClient;
            byte[] chunk;
            int kind = random.Next(10);
            if (kind < 4)
            {
                chunk = new byte[random.Next(1, 3000)];
                random.NextBytes(chunk);
            }
            else if (kind < 9)
            {
                var sb = new StringBuilder();
                int n = random.Next(1, 20);
                for (int i = 0; i < n; i++) sb.Append(tokens[random.Next(tokens.Length)]);
                chunk = Encoding.ASCII.GetBytes(sb.ToString());
            }
            else
            {
                gap(dir, random.Next(1, 5000), new CaptureTime(t++));
                continue;
            }
            var result = feed(dir, chunk, new CaptureTime(t++));
            sent += chunk.Length;
            checkBounds();
            if (result.Status == DecodeStatus.Done) return;
        }
    }

    private static void DisposeMessages(ListEventSink sink)
    {
        foreach (var m in sink.Events.OfType<MessageEvent>()) m.Content.Dispose();
    }
}
