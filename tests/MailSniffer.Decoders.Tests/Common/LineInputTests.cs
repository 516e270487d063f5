using System.Text;
using MailSniffer.Core.Capture;
using MailSniffer.Core.Flows;
using MailSniffer.Decoders.Common;
using MailSniffer.Decoders.Events;

namespace MailSniffer.Decoders.Tests.Common;

/// <summary>One direction of a line protocol with a STARTTLS watch: the same results however the bytes are cut.</summary>
public sealed class LineInputTests
{
    private static readonly byte[] TlsRecordStart = [0x16, 0x03, 0x01, 0x00, 0x2a, 0x01, 0x00];

    private sealed class Harness
    {
        public readonly ListEventSink Sink = new();
        public readonly StartTlsWatch Tls = new();
        public readonly LineInput Client;
        public readonly LineInput Server;

        public Harness(int maxLineLength = 64)
        {
            var anomalies = new AnomalyLimiter(1, "test", Sink, 100);
            Client = new LineInput(Direction.ClientToServer, maxLineLength, Tls, anomalies);
            Server = new LineInput(Direction.ServerToClient, maxLineLength, Tls, anomalies);
        }
    }

    /// <summary>Feeds the bytes in pieces; returns every non-NeedMore result, with the line text where there is one.</summary>
    private static List<string> ReadAll(LineInput input, byte[] bytes, int pieceSize)
    {
        var results = new List<string>();
        for (int i = 0; i < bytes.Length; i += pieceSize)
        {
            ReadOnlySpan<byte> data = bytes.AsSpan(i, Math.Min(pieceSize, bytes.Length - i));
            while (!data.IsEmpty)
            {
                var read = input.Read(ref data, CaptureTime.Zero, out var line);
                if (read == LineRead.NeedMore) break;
                results.Add(read == LineRead.Line ? "line " + Encoding.Latin1.GetString(line) : read.ToString());
                if (read == LineRead.Tls) return results;
            }
        }
        return results;
    }

    private static byte[] Bytes(string latin1) => Encoding.Latin1.GetBytes(latin1);

    /// <summary>The client's bytes after its upgrade request, fed in pieces of several sizes that must all agree.</summary>
    private static (List<string> Results, StartTlsWatch Tls) ReadClientAfterRequest(byte[] bytes)
    {
        List<string>? first = null;
        var h = new Harness();
        foreach (int pieceSize in new[] { 1, 2, 3, 100 })
        {
            h = new Harness();
            h.Tls.ClientAsked();
            var results = ReadAll(h.Client, bytes, pieceSize);
            if (first == null) first = results;
            else Assert.Equal(first, results);
        }
        return (first!, h.Tls);
    }

    [Fact]
    public void Plain_text_after_the_request_is_read_as_lines_including_the_sniffed_bytes()
    {
        var (results, tls) = ReadClientAfterRequest(Bytes("EHLO again\r\nQUIT\r\n"));
        Assert.Equal(["line EHLO again", "line QUIT"], results);
        Assert.False(tls.IsWatching(Direction.ClientToServer));
        Assert.False(tls.Switched);
    }

    [Theory]
    [InlineData("\n", "line ")]
    [InlineData("\u0016\n", "line \u0016")]
    [InlineData("\u0016\u0003\r\n", "line \u0016\u0003")]
    public void Sniffed_bytes_that_end_a_line_make_that_line(string start, string expected) =>
        Assert.Equal([expected, "line NOOP"], ReadClientAfterRequest(Bytes(start + "NOOP\r\n")).Results);

    [Fact]
    public void A_tls_record_after_the_request_switches_the_connection()
    {
        Assert.Equal(DecodeStatus.NeedMore, new StartTlsWatch().Outcome.Status);
        var (results, tls) = ReadClientAfterRequest(TlsRecordStart);
        Assert.Equal(["Tls"], results);
        Assert.True(tls.Switched);
        Assert.Equal(DecodeStatus.Done, tls.Outcome.Status);
    }

    [Fact]
    public void Server_direction_is_sniffed_only_after_the_go_ahead()
    {
        var h = new Harness();
        h.Tls.ClientAsked();
        Assert.False(h.Tls.IsWatching(Direction.ServerToClient));
        h.Tls.ServerAgreed();
        Assert.True(h.Tls.IsWatching(Direction.ServerToClient));
        Assert.Equal(["Tls"], ReadAll(h.Server, TlsRecordStart, 1));
        Assert.True(h.Tls.Switched);
    }

    [Fact]
    public void Refusal_stops_the_watch_unless_the_client_already_sent_a_possible_handshake_byte()
    {
        var h = new Harness();
        h.Tls.ClientAsked();
        h.Tls.ServerRefused();
        Assert.False(h.Tls.IsWatching(Direction.ClientToServer));

        var started = new Harness();
        started.Tls.ClientAsked();
        Assert.Empty(ReadAll(started.Client, [0x16], 1));
        started.Tls.ServerRefused();
        Assert.True(started.Tls.IsWatching(Direction.ClientToServer));
        Assert.Equal(["Tls"], ReadAll(started.Client, TlsRecordStart[1..], 1));
    }

    [Fact]
    public void Losing_sync_forgets_the_partial_line_and_the_watch()
    {
        var h = new Harness();
        Assert.Empty(ReadAll(h.Client, Bytes("HALF"), 100));
        Assert.Equal(4, h.Client.PendingLength);
        h.Tls.ClientAsked();
        h.Client.LoseSync();
        Assert.Equal(0, h.Client.PendingLength);
        Assert.False(h.Tls.IsWatching(Direction.ClientToServer));
        Assert.Equal(["line \u0016\u0003\u0001"], ReadAll(h.Client, Bytes("\u0016\u0003\u0001\r\n"), 1));
    }

    [Fact]
    public void Over_long_line_is_reported_with_its_side_and_the_next_line_is_read()
    {
        var h = new Harness(maxLineLength: 8);
        Assert.Equal(["Overflow", "line QUIT"], ReadAll(h.Server, Bytes("0123456789abcdef\r\nQUIT\r\n"), 3));
        var anomaly = Assert.IsType<AnomalyEvent>(Assert.Single(h.Sink.Events));
        Assert.Equal("server line longer than 8 bytes", anomaly.Reason);
    }

    [Fact]
    public void Sniffed_bytes_count_towards_the_line_limit()
    {
        var h = new Harness(maxLineLength: 2);
        h.Tls.ClientAsked();
        Assert.Equal(["Overflow", "line OK"], ReadAll(h.Client, Bytes("\u0016\u0003\u0009xyz\nOK\n"), 1));
        Assert.Equal("client line longer than 2 bytes", Assert.IsType<AnomalyEvent>(Assert.Single(h.Sink.Events)).Reason);
    }
}
