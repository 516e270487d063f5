using System.Text.Json;
using MailSniffer.Core.Capture;

namespace MailSniffer.Analysis.Views.Json;

/// <summary>
/// One record of the --json output while it is written: each call writes one field and returns the record, so that the
/// code for a record type lists its fields and nothing else. Strings are cleaned for terminals (<see cref="JsonText"/>),
/// absent values are written as null; <see cref="End"/> closes the line.
/// </summary>
internal readonly struct JsonRecord
{
    private readonly JsonLinesWriter _lines;
    private readonly Utf8JsonWriter _json;

    internal JsonRecord(JsonLinesWriter lines, Utf8JsonWriter json)
    {
        _lines = lines;
        _json = json;
    }

    public JsonRecord String(string name, string? value)
    {
        if (value == null) _json.WriteNull(name);
        else _json.WriteString(name, JsonText.Clean(value));
        return this;
    }

    public JsonRecord Strings(string name, IReadOnlyList<string> values)
    {
        _json.WriteStartArray(name);
        foreach (var v in values) _json.WriteStringValue(JsonText.Clean(v));
        _json.WriteEndArray();
        return this;
    }

    public JsonRecord Number(string name, long value) { _json.WriteNumber(name, value); return this; }

    public JsonRecord Number(string name, double value) { _json.WriteNumber(name, value); return this; }

    public JsonRecord Number(string name, long? value) => value is { } v ? Number(name, v) : Null(name);

    public JsonRecord Number(string name, double? value) => value is { } v ? Number(name, v) : Null(name);

    public JsonRecord Bool(string name, bool value) { _json.WriteBoolean(name, value); return this; }

    public JsonRecord Bool(string name, bool? value) => value is { } v ? Bool(name, v) : Null(name);

    public JsonRecord Time(string name, CaptureTime time)
    {
        Span<byte> utf8 = stackalloc byte[CaptureTime.Iso8601Length];
        time.FormatIso8601(utf8);
        _json.WriteString(name, utf8);
        return this;
    }

    /// <summary>Opens an array of objects: each is written between <see cref="Element"/> and <see cref="EndElement"/>.</summary>
    public JsonRecord Array(string name) { _json.WriteStartArray(name); return this; }

    public JsonRecord Element() { _json.WriteStartObject(); return this; }

    public JsonRecord EndElement() { _json.WriteEndObject(); return this; }

    public JsonRecord EndArray() { _json.WriteEndArray(); return this; }

    public void End() => _lines.EndRecord();

    private JsonRecord Null(string name) { _json.WriteNull(name); return this; }
}
