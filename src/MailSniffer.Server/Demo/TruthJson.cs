using System.Text.Encodings.Web;
using System.Text.Json;

namespace MailSniffer.Server.Demo;

internal static class TruthJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}
