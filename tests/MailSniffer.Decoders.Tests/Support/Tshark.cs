using System.Diagnostics;

namespace MailSniffer.Decoders.Tests.Support;

/// <summary>Runs the installed tshark (tests that need it are skipped when it is absent).</summary>
public static class Tshark
{
    private static readonly Lazy<string?> Executable = new(Find);

    public static bool IsAvailable => Executable.Value != null && CaptureFiles.Directory != null;

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
}
