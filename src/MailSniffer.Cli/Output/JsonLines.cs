using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace MailSniffer.Cli.Output;

/// <summary>
/// Writes one JSON object per line. Records are built in a reused in-memory buffer and copied to the output, because
/// <see cref="Utf8JsonWriter.Flush"/> on a stream also flushes the stream: one system call per record otherwise.
/// </summary>
internal sealed class JsonLines : IDisposable
{
    private static readonly JsonWriterOptions Options = new()
    {
        // Escape everything outside ASCII: wire strings may contain terminal escapes, and consumers may print lines.
        Encoder = JavaScriptEncoder.Default,
        Indented = false,
    };

    private readonly Stream _out;
    private readonly ArrayBufferWriter<byte> _buffer = new(4096);
    private readonly Utf8JsonWriter _writer;

    public JsonLines(Stream output)
    {
        _out = output;
        _writer = new Utf8JsonWriter(_buffer, Options);
    }

    public void Write(Action<Utf8JsonWriter> fields)
    {
        _writer.WriteStartObject();
        fields(_writer);
        _writer.WriteEndObject();
        _writer.Flush();
        _out.Write(_buffer.WrittenSpan);
        _out.WriteByte((byte)'\n');
        _buffer.ResetWrittenCount();
        _writer.Reset();
    }

    public void Dispose()
    {
        _writer.Dispose();
        _out.Flush();
    }
}
