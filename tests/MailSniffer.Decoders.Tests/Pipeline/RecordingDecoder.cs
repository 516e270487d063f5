using MailSniffer.Core.Capture;
using MailSniffer.Core.Flows;

namespace MailSniffer.Decoders.Tests.Pipeline;

/// <summary>A fake decoder for host tests: records every call, answers what the test tells it to.</summary>
internal sealed class RecordingDecoder : IStreamDecoder
{
    public RecordingDecoder(string protocol) => Protocol = protocol;

    public string Protocol { get; }
    public List<string> Calls { get; } = new();
    public Func<string, DecodeResult>? Answer { get; set; }

    public DecodeResult Feed(Direction direction, ReadOnlySpan<byte> data, CaptureTime timestamp) =>
        Record($"{direction.ToShortString()} {System.Text.Encoding.ASCII.GetString(data)} @{timestamp.UnixNanoseconds}");

    public DecodeResult Gap(Direction direction, long length, CaptureTime timestamp) =>
        Record($"{direction.ToShortString()} gap {length} @{timestamp.UnixNanoseconds}");

    public void Finish(CaptureTime timestamp) => Calls.Add("finish");

    private DecodeResult Record(string call)
    {
        Calls.Add(call);
        return Answer?.Invoke(call) ?? DecodeResult.NeedMore;
    }
}
