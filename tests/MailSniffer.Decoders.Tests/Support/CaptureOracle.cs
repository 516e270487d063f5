using System.Text.Json;

namespace MailSniffer.Decoders.Tests.Support;

/// <summary>Reads a capture's tshark-derived oracle (format in shared/captures/public/MANIFEST.md).</summary>
public static class CaptureOracle
{
    public static JsonElement Load(string capture)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(SharedCaptureFolder.File(capture + ".oracle.json")));
        return doc.RootElement.Clone();
    }
}
