namespace MailSniffer.Decoders.Tests.Support;

/// <summary>Finds the shared public captures: <c>shared/captures/public</c> beside the repository (walked up from the test assembly).</summary>
public static class CaptureFiles
{
    private static readonly Lazy<string?> Folder = new(Locate);

    public static string? Directory => Folder.Value;

    public static string PathOf(string name) =>
        Path.Combine(Directory ?? throw new InvalidOperationException("shared/captures/public not found above the test assembly"), name);

    private static string? Locate()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "captures", "public");
            if (System.IO.Directory.Exists(candidate)) return candidate;
        }
        return null;
    }
}
