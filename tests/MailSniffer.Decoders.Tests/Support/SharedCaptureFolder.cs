namespace MailSniffer.Decoders.Tests.Support;

/// <summary>
/// Finds /work/shared/captures/public (CI: &lt;clone&gt;/../shared/captures/public) by walking up from the test assembly.
/// The captures are never copied into the repository.
/// </summary>
public static class SharedCaptureFolder
{
    public static string? Path { get; } = Locate();

    public static string File(string name) => System.IO.Path.Combine(Path ?? throw new InvalidOperationException("shared captures not found"), name);

    private static string? Locate()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        {
            var candidate = System.IO.Path.Combine(dir.FullName, "shared", "captures", "public");
            if (Directory.Exists(candidate)) return candidate;
        }
        return null;
    }
}
