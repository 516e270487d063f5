using System.Diagnostics;

namespace MailSniffer.Server.Tests;

/// <summary>Runs a client program nobody here wrote (curl, swaks, python3) with a hard time limit.</summary>
internal static class ExternalTool
{
    public static async Task<(int Exit, string Out, string Err)> RunAsync(string program, IEnumerable<string> args, string? stdin = null, int seconds = 30)
    {
        var info = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = stdin is not null,
            UseShellExecute = false,
        };
        foreach (var a in args) info.ArgumentList.Add(a);
        Process process;
        try
        {
            process = Process.Start(info)!;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            throw new InvalidOperationException($"{program} is not installed; the interop tests need it (Debian: curl, swaks, python3)");
        }
        using (process)
        {
            if (stdin is not null)
            {
                await process.StandardInput.WriteAsync(stdin);
                process.StandardInput.Close();
            }
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
            try
            {
                await process.WaitForExitAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(true);
                throw new TimeoutException($"{program} did not finish in {seconds} s: {await stderr}");
            }
            return (process.ExitCode, await stdout, await stderr);
        }
    }
}
