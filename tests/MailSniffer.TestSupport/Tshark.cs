using System.Diagnostics;

namespace MailSniffer.TestSupport;

/// <summary>Runs tshark (when installed) as an independent reader: fields per frame, or any command's text output.</summary>
public static class Tshark
{
    private static readonly Lazy<string?> Executable = new(Find);

    public static bool IsInstalled => Executable.Value != null;

    /// <summary>tshark's standard output for <paramref name="args"/>; throws when tshark is not installed.</summary>
    public static string Run(params string[] args)
    {
        var psi = new ProcessStartInfo(Executable.Value ?? throw new InvalidOperationException("tshark not installed"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stderr = p.StandardError.ReadToEndAsync();
        string stdout = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        _ = stderr.Result;
        // tshark exits non-zero on a damaged capture after printing what it could read; the output is still wanted.
        return stdout;
    }

    private static string? Find()
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator))
        {
            if (dir.Length == 0) continue;
            var candidate = Path.Combine(dir, "tshark");
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }

    /// <summary>One line per frame, the fields tab-separated; null when tshark is not installed.</summary>
    public static List<string[]>? Fields(string path, params string[] fields) => Fields(path, [], fields);

    /// <param name="options">Preference overrides passed as <c>-o name:value</c>, e.g. tcp.check_checksum:TRUE.</param>
    public static List<string[]>? Fields(string path, string[] options, string[] fields)
    {
        var psi = new ProcessStartInfo("tshark") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "-n", "-r", path, "-T", "fields" })
            psi.ArgumentList.Add(a);
        foreach (var o in options)
        {
            psi.ArgumentList.Add("-o");
            psi.ArgumentList.Add(o);
        }
        foreach (var f in fields)
        {
            psi.ArgumentList.Add("-e");
            psi.ArgumentList.Add(f);
        }
        Process? p;
        try
        {
            p = Process.Start(psi);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
        if (p is null)
            return null;
        using (p)
        {
            var errTask = p.StandardError.ReadToEndAsync();
            var output = p.StandardOutput.ReadToEnd();
            p.WaitForExit();
            _ = errTask.Result;
            return output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split('\t')).ToList();
        }
    }
}
