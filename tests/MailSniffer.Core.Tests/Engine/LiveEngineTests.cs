using System.Net;
using System.Net.Sockets;
using MailSniffer.Core.Capture;
using MailSniffer.Core.Engine;
using MailSniffer.Core.Flows;
using MailSniffer.Core.Tests.Tcp;
using Xunit.Abstractions;

namespace MailSniffer.Core.Tests.Engine;

/// <summary>
/// The whole engine on live loopback traffic: a real exchange of 300 KB each way, captured by libpcap, reassembled,
/// and compared byte for byte with what the sockets sent. Loopback packets carry offloaded (unfilled) checksums and
/// 64 KB segments: exactly what a real capture gives.
/// </summary>
public sealed class LiveEngineTests(ITestOutputHelper output)
{
    [Fact]
    public void LiveLoopbackExchangeIsReassembledByteForByte()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        LiveCaptureSource source;
        try
        {
            source = LiveCapture.Open(new LiveCaptureOptions { Device = "lo", Filter = $"tcp port {port}", ReadTimeout = TimeSpan.FromMilliseconds(50) });
        }
        catch (CaptureUnavailableException e) when (e.Reason is CaptureUnavailableReason.LibraryMissing or CaptureUnavailableReason.PermissionDenied)
        {
            output.WriteLine($"SKIPPED: {e.Message}");
            return;
        }

        var rng = new Random(11);
        var up = new byte[300_000];
        var down = new byte[300_000];
        rng.NextBytes(up);
        rng.NextBytes(down);
        var sink = new RecordingSink();
        var engine = new CaptureEngine(source, sink);
        var capture = new Thread(() => engine.Run()) { IsBackground = true };
        capture.Start();

        var server = new Thread(() =>
        {
            using var c = listener.AcceptTcpClient();
            var s = c.GetStream();
            var got = new byte[up.Length];
            s.ReadExactly(got);
            s.Write(down);
            c.Client.Shutdown(SocketShutdown.Send);
            while (s.Read(got) > 0) { }
        }) { IsBackground = true };
        server.Start();
        using (var client = new TcpClient())
        {
            client.Connect(IPAddress.Loopback, port);
            var s = client.GetStream();
            s.Write(up);
            var got = new byte[down.Length];
            s.ReadExactly(got);
            client.Client.Shutdown(SocketShutdown.Send);
            while (s.Read(got) > 0) { }
        }
        Assert.True(server.Join(TimeSpan.FromSeconds(30)));

        // Wait until the FINs have been captured and the connection closed, then stop.
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (sink.Ended.Count == 0 && DateTime.UtcNow < deadline) Thread.Sleep(20);
        source.Stop();
        Assert.True(capture.Join(TimeSpan.FromSeconds(10)));
        output.WriteLine($"libpcap: read {source.PacketsRead}, kernel received {source.KernelReceived}, dropped {source.KernelDropped}");
        source.Dispose();

        output.WriteLine(string.Join("\n", sink.Log.Take(20).Select(l => l.Length > 80 ? l[..80] : l)));
        foreach (var f in sink.Ended) output.WriteLine($"{f} {f.EndReason} pk={f.Packets} c2s={f.BytesClientToServer} s2c={f.BytesServerToClient} gaps={f.Gaps}");
        var flow = Assert.Single(sink.Ended);
        Assert.Equal(FlowEndReason.Fin, flow.EndReason);
        Assert.True(flow.HandshakeSeen);
        Assert.Equal(port, flow.Server.Port);
        Assert.Equal(up, sink.Bytes(flow.Id, Direction.ClientToServer));
        Assert.Equal(down, sink.Bytes(flow.Id, Direction.ServerToClient));
        Assert.Equal(0, flow.Gaps);
    }
}
