using System.Text;
using MailSniffer.Core.Capture;
using MailSniffer.Core.Flows;

namespace MailSniffer.Core.Tests.Tcp;

/// <summary>Records everything the transport stage reports, in order, for assertions.</summary>
public sealed class RecordingSink : IStreamSink
{
    public List<FlowInfo> Started { get; } = new();
    public List<FlowInfo> Ended { get; } = new();
    /// <summary>"id c2s data:..." / "id s2c gap:N" in delivery order.</summary>
    public List<string> Log { get; } = new();
    private readonly Dictionary<(long, Direction), MemoryStream> _bytes = new();
    private readonly Dictionary<(long, Direction), List<long>> _gaps = new();

    public void FlowStarted(FlowInfo flow) => Started.Add(flow);

    public void StreamData(FlowInfo flow, Direction direction, ReadOnlySpan<byte> data, CaptureTime timestamp)
    {
        Stream(flow.Id, direction).Write(data);
        Log.Add($"{flow.Id} {direction.ToShortString()} data:{Encoding.Latin1.GetString(data)}");
    }

    public void StreamGap(FlowInfo flow, Direction direction, long length, CaptureTime timestamp)
    {
        if (!_gaps.TryGetValue((flow.Id, direction), out var l)) _gaps[(flow.Id, direction)] = l = new List<long>();
        l.Add(length);
        Log.Add($"{flow.Id} {direction.ToShortString()} gap:{length}");
    }

    public void Datagram(FlowInfo flow, Direction direction, ReadOnlySpan<byte> payload, CaptureTime timestamp)
        => Log.Add($"{flow.Id} {direction.ToShortString()} dgram:{Encoding.Latin1.GetString(payload)}");

    public void FlowEnded(FlowInfo flow) => Ended.Add(flow);

    public string Text(long flow, Direction d) => Encoding.Latin1.GetString(Bytes(flow, d));
    public byte[] Bytes(long flow, Direction d) => _bytes.TryGetValue((flow, d), out var s) ? s.ToArray() : Array.Empty<byte>();
    public IReadOnlyList<long> Gaps(long flow, Direction d) => _gaps.TryGetValue((flow, d), out var l) ? l : Array.Empty<long>();

    private MemoryStream Stream(long id, Direction d)
    {
        if (!_bytes.TryGetValue((id, d), out var s)) _bytes[(id, d)] = s = new MemoryStream();
        return s;
    }
}
