using MailSniffer.Core.Capture;
using MailSniffer.Core.Engine;
using MailSniffer.Core.Flows;

namespace MailSniffer.LoopbackReplay;

/// <summary>Reassembles a capture with our own engine and keeps each TCP conversation's turns (consecutive data in one
/// direction merged), so the replay sends exactly the application bytes the capture carried.</summary>
internal sealed class ScriptRecorder : IStreamSink
{
    private readonly Dictionary<long, (int Port, List<(bool, byte[])> Turns)> _open = new();
    private readonly List<ConversationScript> _done = new();

    public static IReadOnlyList<ConversationScript> Load(string path)
    {
        var recorder = new ScriptRecorder();
        using var source = CaptureFile.Open(path);
        new CaptureEngine(source, recorder).Run();
        return recorder._done;
    }

    public void FlowStarted(FlowInfo flow)
    {
        if (flow.Transport == Transport.Tcp) _open[flow.Id] = (flow.Server.Port, new List<(bool, byte[])>());
    }

    public void StreamData(FlowInfo flow, Direction direction, ReadOnlySpan<byte> data, CaptureTime timestamp)
    {
        if (!_open.TryGetValue(flow.Id, out var c)) return;
        bool fromClient = direction == Direction.ClientToServer;
        if (c.Turns.Count > 0 && c.Turns[^1].Item1 == fromClient)
            c.Turns[^1] = (fromClient, [.. c.Turns[^1].Item2, .. data]);
        else c.Turns.Add((fromClient, data.ToArray()));
    }

    public void StreamGap(FlowInfo flow, Direction direction, long length, CaptureTime timestamp) { }
    public void Datagram(FlowInfo flow, Direction direction, ReadOnlySpan<byte> payload, CaptureTime timestamp) { }

    public void FlowEnded(FlowInfo flow)
    {
        if (_open.Remove(flow.Id, out var c) && c.Turns.Count > 0) _done.Add(new ConversationScript(c.Port, c.Turns));
    }
}
