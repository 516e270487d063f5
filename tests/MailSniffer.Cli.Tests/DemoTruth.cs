using System.Text.Json;

namespace MailSniffer.Cli.Tests;

/// <summary>The ground truth `mailsniffer demo` writes beside its capture (schema in docs/server.md).</summary>
public sealed class DemoTruth
{
    public DemoTruth(string path)
    {
        Path = path;
        Root = JsonDocument.Parse(File.ReadAllBytes(path)).RootElement;
    }

    public string Path { get; }
    public JsonElement Root { get; }
    public string CapturePath => System.IO.Path.Combine(System.IO.Path.GetDirectoryName(Path)!, Root.GetProperty("capture").GetString()!);

    public IEnumerable<JsonElement> Items(string name) =>
        Root.TryGetProperty(name, out var a) && a.ValueKind == JsonValueKind.Array ? a.EnumerateArray() : Enumerable.Empty<JsonElement>();

    public static IEnumerable<object[]> InRepo()
    {
        string? dir = TestSupport.TestPaths.RepoCaptures;
        if (dir == null) yield break;
        foreach (var f in Directory.GetFiles(dir, "*.truth.json").OrderBy(f => f))
            yield return new object[] { System.IO.Path.GetFileName(f) };
    }
}
