using System.Diagnostics;

namespace MailSniffer.Cli.Tests;

/// <summary>Runs the real `mailsniffer` program (the built dll beside the tests) as a child process.</summary>
public static class CliProcess
{
    public sealed record Result(int ExitCode, byte[] Stdout, string Stderr)
    {
        public string Text => System.Text.Encoding.UTF8.GetString(Stdout);
    }

    public static Result Run(params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "mailsniffer.dll"));
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stderr = p.StandardError.ReadToEndAsync();
        using var ms = new MemoryStream();
        p.StandardOutput.BaseStream.CopyTo(ms);
        if (!p.WaitForExit(120_000)) { p.Kill(true); throw new TimeoutException("mailsniffer did not finish in 120 s"); }
        return new Result(p.ExitCode, ms.ToArray(), stderr.Result);
    }

    public static string Capture(string name) => Path.Combine(TestSupport.TestPaths.RepoCaptures!, name);
}
