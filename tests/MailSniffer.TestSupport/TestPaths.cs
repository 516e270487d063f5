namespace MailSniffer.TestSupport;

/// <summary>Locates capture folders relative to the test assembly, so tests work in any clone layout.</summary>
public static class TestPaths
{
    /// <summary>
    /// <c>shared/captures/public</c>, found by walking up from the test binaries (the repo sits beside <c>shared/</c>,
    /// e.g. /work/wt-x and /work/shared). Null when absent.
    /// </summary>
    public static string? SharedCaptures => FindUp(Path.Combine("shared", "captures", "public"));

    /// <summary>The repository's own <c>captures/</c> folder (next to MailSniffer.sln). Null when absent.</summary>
    public static string? RepoCaptures
    {
        get
        {
            var root = RepoRoot;
            if (root is null)
                return null;
            var dir = Path.Combine(root, "captures");
            return Directory.Exists(dir) ? dir : null;
        }
    }

    /// <summary>The folder holding MailSniffer.sln. Null when absent.</summary>
    public static string? RepoRoot
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "MailSniffer.sln")))
                    return dir.FullName;
            }
            return null;
        }
    }

    /// <summary>Every pcap/pcapng file in a folder (sorted), or none when the folder is null.</summary>
    public static IReadOnlyList<string> CaptureFilesIn(string? folder)
    {
        if (folder is null)
            return [];
        var files = Directory.EnumerateFiles(folder)
            .Where(f => f.EndsWith(".pcap", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".pcapng", StringComparison.OrdinalIgnoreCase))
            .ToList();
        files.Sort(StringComparer.Ordinal);
        return files;
    }

    private static string? FindUp(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, relative);
            if (Directory.Exists(candidate))
                return candidate;
        }
        return null;
    }
}
