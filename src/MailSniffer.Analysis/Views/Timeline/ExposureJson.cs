using System.Text.Json;
using MailSniffer.Analysis.Exposure;
using MailSniffer.Analysis.Model;

namespace MailSniffer.Analysis.Views.Timeline;

/// <summary>The `exposure --json` view: one `exposure` record for the capture, then one `journey` record per message.</summary>
public static class ExposureJson
{
    public static void Write(Stream output, ExposureReport report, bool includeSecrets = true)
    {
        using (var w = new Utf8JsonWriter(output))
        {
            WriteRecord(w, report, includeSecrets);
        }
        output.WriteByte((byte)'\n');
        JourneyJson.Write(output, report.Journeys, includeSecrets);
    }

    public static void WriteRecord(Utf8JsonWriter w, ExposureReport r, bool includeSecrets = true)
    {
        w.WriteStartObject();
        w.WriteString("type", "exposure");
        w.WriteNumber("clear_flows", r.ClearFlows);
        w.WriteNumber("encrypted_flows", r.EncryptedFlows);
        w.WriteNumber("not_retained", r.NotRetained);
        w.WriteStartArray("credentials");
        foreach (var c in r.Credentials) WriteCredential(w, c, includeSecrets);
        w.WriteEndArray();
        w.WriteStartArray("addresses");
        foreach (var a in r.Addresses)
        {
            w.WriteStartObject();
            JourneyJson.Str(w, "address", a.Address);
            w.WriteStartArray("flows");
            foreach (var f in a.Flows) w.WriteNumberValue(f);
            w.WriteEndArray();
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("messages");
        foreach (var m in r.Messages)
        {
            w.WriteStartObject();
            w.WriteNumber("flow", m.Flow);
            w.WriteString("ts", m.Ts.ToIso8601());
            JourneyJson.Str(w, "protocol", m.Protocol);
            JourneyJson.Str(w, "source", m.Source);
            JourneyJson.Str(w, "client", m.Client);
            JourneyJson.Str(w, "server", m.Server);
            JourneyJson.Str(w, "message_id", m.MessageId);
            JourneyJson.Str(w, "subject", m.Subject);
            w.WriteBoolean("body", m.Body);
            w.WriteBoolean("partial", m.Partial);
            w.WriteNumber("size", m.Size);
            w.WriteStartArray("attachments");
            foreach (var a in m.Attachments) WriteAttachment(w, a);
            w.WriteEndArray();
            if (m.Journey is { } j) w.WriteNumber("journey", j);
            else w.WriteNull("journey");
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("flows");
        foreach (var f in r.Flows)
        {
            w.WriteStartObject();
            w.WriteNumber("flow", f.Flow);
            JourneyJson.Str(w, "protocol", f.Protocol);
            JourneyJson.Str(w, "client", f.Client);
            JourneyJson.Str(w, "server", f.Server);
            w.WriteString("start", f.Start.ToIso8601());
            w.WriteBoolean("encrypted", f.Encrypted);
            JourneyJson.Str(w, "tls", f.TlsKind);
            w.WriteNumber("messages", f.Messages);
            w.WriteNumber("credentials", f.Credentials);
            w.WriteNumber("addresses", f.Addresses);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        JourneyJson.Strs(w, "dns_questions", r.DnsQuestions);
        w.WriteEndObject();
    }

    internal static void WriteCredential(Utf8JsonWriter w, Credential c, bool includeSecrets)
    {
        w.WriteStartObject();
        w.WriteNumber("flow", c.Flow);
        w.WriteString("ts", c.Ts.ToIso8601());
        JourneyJson.Str(w, "protocol", c.Protocol);
        JourneyJson.Str(w, "mechanism", c.Mechanism);
        JourneyJson.Str(w, "username", c.Username);
        w.WriteBoolean("password_exposed", c.Password != null);
        w.WriteBoolean("hash_exposed", c.Hash != null);
        JourneyJson.Str(w, "password", includeSecrets ? c.Password : null);
        JourneyJson.Str(w, "hash", includeSecrets ? c.Hash : null);
        if (c.Accepted is { } accepted) w.WriteBoolean("accepted", accepted);
        else w.WriteNull("accepted");
        JourneyJson.Str(w, "client", c.Client);
        JourneyJson.Str(w, "server", c.Server);
        w.WriteEndObject();
    }

    internal static void WriteAttachment(Utf8JsonWriter w, ExposedAttachment a)
    {
        w.WriteStartObject();
        JourneyJson.Str(w, "filename", a.FileName);
        JourneyJson.Str(w, "content_type", a.ContentType);
        w.WriteNumber("size", a.Size);
        JourneyJson.Str(w, "sha256", a.Sha256);
        w.WriteEndObject();
    }
}
