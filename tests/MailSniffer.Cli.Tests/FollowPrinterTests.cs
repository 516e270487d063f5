using System.Net;
using MailSniffer.Cli.Output;
using MailSniffer.Core.Capture;
using MailSniffer.Core.Flows;

namespace MailSniffer.Cli.Tests;

public class FollowPrinterTests
{
    [Fact]
    public void LineWithoutEndIsPrintedInBoundedPiecesAndEscaped()
    {
        var flow = new FlowInfo(1, Transport.Tcp, new IpEndpoint(IPAddress.Loopback, 40000), new IpEndpoint(IPAddress.Loopback, 25), CaptureTime.Zero);
        var output = new StringWriter();
        var printer = new FollowPrinter(1, output);
        printer.FlowStarted(flow);
        var chunk = new byte[100_000];
        Array.Fill(chunk, (byte)'A');
        chunk[5] = 0x1b; // ESC must never reach the terminal raw
        for (int i = 0; i < 10; i++) printer.StreamData(flow, Direction.ClientToServer, chunk, CaptureTime.Zero);
        printer.FlowEnded(flow);

        var lines = output.ToString().Split('\n');
        Assert.DoesNotContain('\u001b', output.ToString());
        Assert.All(lines, l => Assert.True(l.Length <= 64 * 1024 * 4 + 16, $"line of {l.Length} chars"));
        Assert.Equal(10 * 99_999, output.ToString().Count(c => c == 'A'));
        Assert.True(lines.Count(l => l.StartsWith("C> ")) >= 15);
    }
}
