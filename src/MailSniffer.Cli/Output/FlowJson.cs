using System.Text.Json;
using MailSniffer.Core.Flows;

namespace MailSniffer.Cli.Output;

/// <summary>The `flow` JSON record (docs/json.md): shared by `flows --json` and `read --json`.</summary>
internal static class FlowJson
{
    public static void WriteFields(Utf8JsonWriter w, FlowInfo f)
    {
        w.WriteString("type", "flow");
        w.WriteNumber("id", f.Id);
        w.WriteString("transport", f.Transport == Transport.Tcp ? "tcp" : "udp");
        w.WriteString("client", f.Client.ToString());
        w.WriteString("server", f.Server.ToString());
        w.WriteString("start", f.Start.ToIso8601());
        w.WriteString("end", f.End.ToIso8601());
        w.WriteNumber("packets", f.Packets);
        w.WriteNumber("bytes_c2s", f.BytesClientToServer);
        w.WriteNumber("bytes_s2c", f.BytesServerToClient);
        w.WriteNumber("gaps", f.Gaps);
        w.WriteNumber("gap_bytes", f.GapBytes);
        w.WriteString("end_reason", f.EndReason.ToJsonName());
        w.WriteBoolean("handshake", f.HandshakeSeen);
        w.WriteBoolean("roles_guessed", f.RolesGuessed);
    }
}
