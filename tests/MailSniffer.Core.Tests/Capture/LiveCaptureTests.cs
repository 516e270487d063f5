using System.Net;
using System.Net.Sockets;
using System.Text;
using MailSniffer.Core.Capture;
using MailSniffer.Core.Flows;
using MailSniffer.Core.Frames;
using Xunit.Abstractions;

namespace MailSniffer.Core.Tests.Capture;

/// <summary>
/// Real capture on the loopback device: a TCP exchange on an ephemeral port must be seen, decoded and teed to pcapng.
/// Without libpcap or capture privilege the test says why and returns (it cannot capture there, and that is not a bug).
/// </summary>
public sealed class LiveCaptureTests(ITestOutputHelper output) : TempFiles
{
    [Theory]
    [InlineData("lo")]
    [InlineData("any")]   // Linux cooked capture (SLL or SLL2)
    public void Sees_a_real_tcp_exchange_on_loopback_and_tees_it_to_pcapng(string device)
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var teePath = Temp(CaptureFileFormat.PcapNg);
        var tee = PcapNgWriter.Create(teePath);

        LiveCaptureSource source;
        try
        {
            source = LiveCapture.Open(new LiveCaptureOptions
            {
                Device = device,
                Filter = $"tcp port {port}",
                ReadTimeout = TimeSpan.FromMilliseconds(50),
                Tee = tee,
            });
        }
        catch (CaptureUnavailableException e) when (e.Reason is CaptureUnavailableReason.LibraryMissing or CaptureUnavailableReason.PermissionDenied)
        {
            output.WriteLine($"SKIPPED: {e.Message}");
            tee.Dispose();
            return;
        }

        var request = Encoding.ASCII.GetBytes("EHLO live.test\r\n");
        var reply = Encoding.ASCII.GetBytes("250 live.test at your service\r\n");
        // Dedicated threads with blocking sockets: the capture loop below blocks this thread, and in a full parallel
        // test run the thread pool can be too busy to run socket continuations before the deadline.
        Exception? exchangeError = null;
        var exchange = new Thread(() =>
        {
            try
            {
                var server = new Thread(() =>
                {
                    using var accepted = listener.AcceptTcpClient();
                    var stream = accepted.GetStream();
                    var buffer = new byte[request.Length];
                    stream.ReadExactly(buffer);
                    stream.Write(reply);
                }) { IsBackground = true };
                server.Start();
                using var client = new TcpClient();
                client.Connect(IPAddress.Loopback, port);
                var cs = client.GetStream();
                cs.Write(request);
                var got = new byte[reply.Length];
                cs.ReadExactly(got);
                server.Join();
            }
            catch (Exception e)
            {
                exchangeError = e;
            }
        }) { IsBackground = true };
        exchange.Start();
        using var deadline = new Timer(_ => source.Stop(), null, TimeSpan.FromSeconds(15), Timeout.InfiniteTimeSpan);

        var decoder = new FrameDecoder();
        bool sawSyn = false, sawRequest = false, sawReply = false;
        int captured = 0;
        using (source)
        {
            LinkType[] expected = device == "lo" ? [LinkType.Ethernet] : [LinkType.LinuxSll, LinkType.LinuxSll2];
            Assert.Contains(source.LinkType, expected);
            while (!(sawSyn && sawRequest && sawReply) && source.TryReadNext(out var raw))
            {
                captured++;
                var packet = new DecodedPacket();
                Assert.Equal(FrameDecodeResult.Ok, decoder.Decode(raw, ref packet));
                Assert.Equal(Transport.Tcp, packet.Transport);
                Assert.True(packet.SourcePort == port || packet.DestinationPort == port);
                Assert.Equal("127.0.0.1", packet.Source.ToString());
                sawSyn |= packet.Flags == TcpFlags.Syn && packet.DestinationPort == port;
                sawRequest |= packet.DestinationPort == port && packet.Payload.SequenceEqual(request);
                sawReply |= packet.SourcePort == port && packet.Payload.SequenceEqual(reply);
                // Timestamps come from the kernel, close to now.
                Assert.InRange(raw.Timestamp.ToDateTime(), DateTime.UtcNow.AddMinutes(-1), DateTime.UtcNow.AddMinutes(1));
            }
            Assert.Empty(source.Warnings);
            Assert.Equal(captured, source.PacketsRead);
        }
        var linkType = source.LinkType;
        output.WriteLine($"{device}: {captured} packets, link type {linkType}");
        Assert.True(exchange.Join(TimeSpan.FromSeconds(15)), "the TCP exchange did not finish");
        Assert.Null(exchangeError);
        tee.Dispose();

        Assert.True(sawSyn, "SYN to the listener not captured");
        Assert.True(sawRequest, "client request not captured");
        Assert.True(sawReply, "server reply not captured");

        // The tee holds exactly what was handed out.
        var teed = ReadBack.All(teePath);
        Assert.Equal(captured, teed.Count);
        Assert.All(teed, p => Assert.Equal(linkType, p.LinkType));
        Assert.Contains(teed, p => p.Data.AsSpan().IndexOf(request) >= 0);
    }

    [Fact]
    public void Unknown_device_is_a_clear_error()
    {
        try
        {
            LiveCapture.Open(new LiveCaptureOptions { Device = "no-such-device-xyz" }).Dispose();
            Assert.Fail("opened a device that does not exist");
        }
        catch (CaptureUnavailableException e) when (e.Reason == CaptureUnavailableReason.LibraryMissing)
        {
            output.WriteLine($"SKIPPED: {e.Message}");
        }
        catch (CaptureUnavailableException e)
        {
            Assert.Equal(CaptureUnavailableReason.DeviceNotFound, e.Reason);
            Assert.Contains("mailsniffer interfaces", e.Message);
        }
    }

    [Fact]
    public void Invalid_filter_is_a_clear_error()
    {
        try
        {
            LiveCapture.Open(new LiveCaptureOptions { Device = "lo", Filter = "tcp port banana" }).Dispose();
            Assert.Fail("accepted an invalid filter");
        }
        catch (CaptureUnavailableException e) when (e.Reason is CaptureUnavailableReason.LibraryMissing or CaptureUnavailableReason.PermissionDenied)
        {
            output.WriteLine($"SKIPPED: {e.Message}");
        }
        catch (CaptureUnavailableException e)
        {
            Assert.Equal(CaptureUnavailableReason.OpenFailed, e.Reason);
            Assert.Contains("tcp port banana", e.Message);
            Assert.DoesNotContain("   at ", e.Message);
        }
    }

    [Fact]
    public void Library_and_permission_failures_map_to_one_paragraph_of_advice()
    {
        var missing = CaptureUnavailableException.From(new TypeInitializationException("SharpPcap.LibPcap.LibPcapSafeNativeMethods", new DllNotFoundException("libpcap.so")));
        Assert.Equal(CaptureUnavailableReason.LibraryMissing, missing.Reason);
        Assert.Contains("apt-get install libpcap0.8", missing.Message);
        Assert.DoesNotContain("\n", missing.Message);

        // libpcap's own wording for an unprivileged open; SharpPcap's exception constructor is not public.
        var pcapError = (Exception)Activator.CreateInstance(typeof(SharpPcap.PcapException),
            System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Public, null,
            ["eth0: You don't have permission to perform this capture on that device (socket: Operation not permitted)"], null)!;
        var denied = CaptureUnavailableException.From(pcapError);
        Assert.Equal(CaptureUnavailableReason.PermissionDenied, denied.Reason);
        Assert.Contains("setcap cap_net_raw,cap_net_admin=eip", denied.Message);
        Assert.DoesNotContain("\n", denied.Message);
    }

    [Fact]
    public void Lists_the_loopback_device()
    {
        IReadOnlyList<CaptureInterfaceInfo> list;
        try
        {
            list = LiveCapture.ListInterfaces();
        }
        catch (CaptureUnavailableException e)
        {
            output.WriteLine($"SKIPPED: {e.Message}");
            return;
        }
        var lo = Assert.Single(list, i => i.Name == "lo");
        Assert.True(lo.IsLoopback);
        Assert.Contains("127.0.0.1", lo.Addresses);
    }

    /// <summary>
    /// A reader that stops reading loses packets in the kernel, and the count must say so (SharpPcap's own statistics
    /// report 0 on Linux x64; see PcapKernelStatistics). A bounded burst on loopback, to a socket of our own.
    /// </summary>
    [Fact]
    public void Packets_the_kernel_drops_while_the_reader_stalls_are_counted()
    {
        using var receiver = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        int port = ((IPEndPoint)receiver.Client.LocalEndPoint!).Port;
        LiveCaptureSource source;
        try
        {
            source = LiveCapture.Open(new LiveCaptureOptions
            {
                Device = "lo",
                Filter = $"udp and dst port {port}",
                ReadTimeout = TimeSpan.FromMilliseconds(50),
                KernelBufferBytes = 256 * 1024,
            });
        }
        catch (CaptureUnavailableException e) when (e.Reason is CaptureUnavailableReason.LibraryMissing or CaptureUnavailableReason.PermissionDenied)
        {
            output.WriteLine($"SKIPPED: {e.Message}");
            return;
        }
        using (source)
        {
            const int burst = 20_000;
            using (var sender = new UdpClient())
            {
                var payload = new byte[1000];
                // 20 MB while nobody reads: far beyond the 256 KiB the kernel may hold for this capture.
                for (int i = 0; i < burst; i++) sender.Send(payload, payload.Length, new IPEndPoint(IPAddress.Loopback, port));
            }
            long? received = source.KernelReceived, dropped = source.KernelDropped;
            output.WriteLine($"burst {burst}: kernel received {received}, dropped {dropped}");
            Assert.NotNull(dropped);
            // The loopback device shows each packet twice, going out and coming in.
            Assert.InRange(dropped!.Value, 1, 2L * burst);
            Assert.InRange(received!.Value, dropped.Value, 2L * burst);
            source.Stop();
        }
    }
}
