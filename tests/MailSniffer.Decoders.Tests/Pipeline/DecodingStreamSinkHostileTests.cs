using System.Net;
using MailSniffer.Core.Capture;
using MailSniffer.Core.Flows;
using MailSniffer.Decoders.Pipeline;

namespace MailSniffer.Decoders.Tests.Pipeline;

public class DecodingStreamSinkHostileTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Random_flows_bytes_gaps_and_datagrams_never_throw_and_leave_no_state(int seed)
    {
        var rnd = new Random(seed);
        var events = new ListEventSink();
        var host = new DecodingStreamSink(events, DecoderRegistry.CreateDefault());
        string[] starts = ["* OK hi\r\n", "220 x\r\n", "+OK\r\n", "a LOGIN a b\r\n", "\x16\x03\x01\x00\x10", "* 1 FETCH (BODY[] {99999}\r\n"];
        var flows = Enumerable.Range(1, 20).Select(i => new FlowInfo(i, i % 5 == 0 ? Transport.Udp : Transport.Tcp,
            new IpEndpoint(IPAddress.Loopback, (ushort)(40000 + i)), new IpEndpoint(IPAddress.Loopback, (ushort)rnd.Next(1, 65536)), new CaptureTime(0))).ToList();
        foreach (var f in flows) host.FlowStarted(f);
        for (int i = 0; i < 5000; i++)
        {
            var f = flows[rnd.Next(flows.Count)];
            var dir = (Direction)rnd.Next(2);
            byte[] data = rnd.Next(4) == 0 ? System.Text.Encoding.Latin1.GetBytes(starts[rnd.Next(starts.Length)]) : new byte[rnd.Next(1, 300)];
            if (data.Length > 0 && data[0] == 0) rnd.NextBytes(data);
            if (f.Transport == Transport.Udp) host.Datagram(f, dir, data, new CaptureTime(i));
            else if (rnd.Next(30) == 0) host.StreamGap(f, dir, rnd.Next(1, 100000), new CaptureTime(i));
            else host.StreamData(f, dir, data, new CaptureTime(i));
        }
        foreach (var f in flows) host.FlowEnded(f);
        Assert.Equal(0, host.ActiveFlows);
        Assert.Equal(0, host.HeldBytes);
    }
}
