using System.Text.Json;
using MailSniffer.Analysis.Exposure;
using MailSniffer.Analysis.Timeline;
using MailSniffer.Analysis.Views.Json;

namespace MailSniffer.Analysis.Views.Timeline;

/// <summary>
/// The `timeline --json` view: one `journey` record per line (docs/json-journey.md). The default encoder escapes
/// control and non-ASCII characters, so wire strings cannot drive a terminal showing the output.
/// </summary>
public static class JourneyJson
{
    public static void Write(Stream output, IEnumerable<Journey> journeys, bool includeSecrets = true)
    {
        using var json = new Utf8JsonWriter(output);
        foreach (var j in journeys)
        {
            WriteRecord(json, j, includeSecrets);
            json.Flush();
            json.Reset();
            output.WriteByte((byte)'\n');
        }
        output.Flush();
    }

    public static void WriteRecord(Utf8JsonWriter w, Journey j, bool includeSecrets = true)
    {
        w.WriteStartObject();
        w.WriteString("type", "journey");
        w.WriteNumber("number", j.Number);
        Str(w, "message_id", j.MessageId);
        Str(w, "identity", j.Identity);
        Str(w, "fingerprint", j.Fingerprint);
        Str(w, "subject", j.Subject);
        Str(w, "from", j.From);
        Strs(w, "to", j.To);
        w.WriteStartArray("steps");
        for (int i = 0; i < j.Steps.Count; i++) WriteStep(w, j.Steps[i], i);
        w.WriteEndArray();
        w.WriteStartArray("delays");
        foreach (var d in j.Delays)
        {
            w.WriteStartObject();
            w.WriteNumber("from", d.From);
            w.WriteNumber("to", d.To);
            w.WriteNumber("seconds", d.Seconds);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        if (j.SubmissionToRetrieval is { } total) w.WriteNumber("submission_to_retrieval", total);
        else w.WriteNull("submission_to_retrieval");
        w.WritePropertyName("exposed");
        WriteExposure(w, j.Exposure, includeSecrets);
        Strs(w, "notes", j.Notes);
        w.WriteEndObject();
    }

    private static void WriteStep(Utf8JsonWriter w, JourneyStep s, int index)
    {
        w.WriteStartObject();
        w.WriteNumber("index", index);
        w.WriteString("kind", s.Kind.ToJsonName());
        w.WriteString("ts", s.Ts.ToIso8601());
        w.WriteString("ts_source", s.TsFromWire ? "wire" : "header");
        Str(w, "protocol", s.Protocol);
        Str(w, "client", s.Client);
        Str(w, "client_name", s.ClientName);
        Str(w, "server", s.Server);
        Str(w, "server_name", s.ServerName);
        if (s.Flow is { } flow) w.WriteNumber("flow", flow);
        else w.WriteNull("flow");
        w.WriteBoolean("encrypted", s.Encrypted);
        Str(w, "tls", s.TlsKind);
        Str(w, "user", s.User);
        Str(w, "auth", s.AuthMechanism);
        Str(w, "source", s.Source);
        Str(w, "mailbox", s.Mailbox);
        Str(w, "mail_from", s.MailFrom);
        Strs(w, "rcpt_to", s.RcptTo);
        Str(w, "queue_id", s.QueueId);
        Str(w, "reply", s.Reply);
        Str(w, "received", s.Received);
        Str(w, "query", s.Query);
        if (s.Kind == JourneyStepKind.Dns) Strs(w, "answer", s.Answers);
        else w.WriteNull("answer");
        if (s.LinkedStep is { } linked) w.WriteNumber("linked_step", linked);
        else w.WriteNull("linked_step");
        w.WriteBoolean("content_seen", s.ContentSeen);
        w.WriteBoolean("partial", s.PartialContent);
        Str(w, "confidence", s.Confidence);
        Strs(w, "evidence", s.Evidence);
        w.WriteEndObject();
    }

    internal static void WriteExposure(Utf8JsonWriter w, JourneyExposure x, bool includeSecrets)
    {
        w.WriteStartObject();
        w.WriteStartArray("credentials");
        foreach (var c in x.Credentials) ExposureJson.WriteCredential(w, c, includeSecrets);
        w.WriteEndArray();
        Strs(w, "addresses", x.Addresses);
        Ints(w, "subject_steps", x.SubjectSteps);
        Ints(w, "body_steps", x.BodySteps);
        w.WriteStartArray("attachments");
        foreach (var a in x.Attachments) ExposureJson.WriteAttachment(w, a);
        w.WriteEndArray();
        Ints(w, "clear_steps", x.ClearSteps);
        Ints(w, "encrypted_steps", x.EncryptedSteps);
        w.WriteEndObject();
    }

    internal static void Str(Utf8JsonWriter w, string name, string? value)
    {
        if (value == null) w.WriteNull(name);
        else w.WriteString(name, JsonText.Clean(value));
    }

    internal static void Strs(Utf8JsonWriter w, string name, IEnumerable<string> values)
    {
        w.WriteStartArray(name);
        foreach (var v in values) w.WriteStringValue(JsonText.Clean(v));
        w.WriteEndArray();
    }

    private static void Ints(Utf8JsonWriter w, string name, IEnumerable<int> values)
    {
        w.WriteStartArray(name);
        foreach (var v in values) w.WriteNumberValue(v);
        w.WriteEndArray();
    }
}
