using MailSniffer.Core.Capture;
using MailSniffer.Core.Flows;
using MailSniffer.Core.Text;

namespace MailSniffer.Cli.Output;

/// <summary>
/// Prints one flow like Wireshark's Follow TCP Stream: each line prefixed with who sent it (C&gt; client, S&gt; server),
/// non-printable bytes escaped (\r, \xNN) so nothing from the wire reaches the terminal raw, gaps shown in place.
/// </summary>
internal sealed class FollowPrinter : IStreamSink
{
    private const int MaxLineBytes = 64 * 1024;

    private readonly long _flowId;
    private readonly TextWriter _out;
    private readonly List<byte> _line = new();
    private Direction? _lineDirection;

    public FollowPrinter(long flowId, TextWriter output)
    {
        _flowId = flowId;
        _out = output;
    }

    public bool Found { get; private set; }
    public FlowInfo? Flow { get; private set; }

    public void FlowStarted(FlowInfo flow)
    {
        if (flow.Id != _flowId) return;
        Found = true;
        Flow = flow;
        _out.WriteLine($"=== flow {flow.Id} {flow.Transport.ToString().ToLowerInvariant()}  C: {flow.Client}  S: {flow.Server}  start {flow.Start.ToIso8601()}{(flow.RolesGuessed ? "  (picked up mid-stream: roles guessed)" : "")}");
    }

    public void StreamData(FlowInfo flow, Direction direction, ReadOnlySpan<byte> data, CaptureTime timestamp)
    {
        if (flow.Id != _flowId) return;
        if (_lineDirection != direction) FlushLine();
        _lineDirection = direction;
        while (!data.IsEmpty)
        {
            int lf = data.IndexOf((byte)'\n');
            if (lf < 0)
            {
                // A line without end (binary garbage, a 50 MB line) is printed in pieces, never held whole.
                int room = MaxLineBytes - _line.Count;
                if (data.Length < room) { _line.AddRange(data); break; }
                _line.AddRange(data[..room]);
                FlushLine();
                data = data[room..];
                continue;
            }
            _line.AddRange(data[..(lf + 1)]);
            FlushLine();
            data = data[(lf + 1)..];
        }
    }

    public void StreamGap(FlowInfo flow, Direction direction, long length, CaptureTime timestamp)
    {
        if (flow.Id != _flowId) return;
        FlushLine();
        _out.WriteLine($"{Prefix(direction)}[{length} bytes missing in capture]");
    }

    public void Datagram(FlowInfo flow, Direction direction, ReadOnlySpan<byte> payload, CaptureTime timestamp)
    {
        if (flow.Id != _flowId) return;
        _out.WriteLine($"{Prefix(direction)}[datagram {payload.Length} bytes at {timestamp.ToIso8601()}] {SafeText.ForTerminal(payload)}");
    }

    public void FlowEnded(FlowInfo flow)
    {
        if (flow.Id != _flowId) return;
        FlushLine();
        _out.WriteLine($"=== end: {flow.EndReason.ToJsonName()}, {flow.Packets} packets, {flow.BytesClientToServer} bytes C>S, {flow.BytesServerToClient} bytes S>C, {flow.Gaps} gaps");
    }

    private void FlushLine()
    {
        if (_line.Count == 0 || _lineDirection == null) return;
        var bytes = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_line);
        bool complete = bytes[^1] == (byte)'\n';
        var body = complete ? bytes[..^1] : bytes;
        if (complete && body.Length > 0 && body[^1] == (byte)'\r') body = body[..^1];
        _out.WriteLine(Prefix(_lineDirection.Value) + SafeText.ForTerminal(body) + (complete ? "" : " \u21b5?"));
        _line.Clear();
    }

    private static string Prefix(Direction d) => d == Direction.ClientToServer ? "C> " : "S> ";
}
