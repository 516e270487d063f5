using System.Text.Encodings.Web;
using System.Text.Json;

namespace MailSniffer.Cli.Output;

/// <summary>Writes one JSON object per line to a stream without per-record allocation of serializers.</summary>
internal sealed class JsonLines : IDisposable
{
    private static readonly JsonWriterOptions Options = new()
    {
        // Escape everything outside ASCII: wire strings may contain terminal escapes, and consumers may print lines.
        Encoder = JavaScriptEncoder.Default,
        Indented = false,
        SkipValidation = false,
    };

    private readonly Stream _out;
    private readonly Utf8JsonWriter _writer;

    public JsonLines(Stream output)
    {
        _out = output;
        _writer = new Utf8JsonWriter(output, Options);
    }

    public void Write(Action<Utf8JsonWriter> fields)
    {
        _writer.WriteStartObject();
        fields(_writer);
        _writer.WriteEndObject();
        _writer.Flush();
        _writer.Reset(_out);
        _out.WriteByte((byte)'\n');
    }

    public void Dispose()
    {
        _writer.Dispose();
        _out.Flush();
    }
}
