using System.Diagnostics;
using MailSniffer.Server.Config;

namespace MailSniffer.Server.Tests;

/// <summary>`mailsniffer serve` in a child process, so a test can SIGKILL it like a crash.</summary>
internal sealed class ServerProcess : IDisposable
{
    private readonly Process _process;

    private ServerProcess(Process process) => _process = process;

    public static async Task<ServerProcess> StartAsync(MailSystemConfig config, string configPath)
    {
        await File.WriteAllTextAsync(configPath, ConfigLoader.Serialize(config));
        var dll = Path.Combine(AppContext.BaseDirectory, "mailsniffer.dll");
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { dll, "serve", "--config", configPath }) info.ArgumentList.Add(a);
        var process = Process.Start(info)!;
        var ready = new TaskCompletionSource();
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data == "ready") ready.TrySetResult();
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null) ready.TrySetException(new InvalidOperationException("serve failed: " + e.Data));
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new ServerProcess(process);
        try
        {
            await ready.Task.WaitAsync(TimeSpan.FromSeconds(30));
        }
        catch
        {
            server.Dispose();
            throw;
        }
        return server;
    }

    /// <summary>SIGKILL: no shutdown code runs, exactly like a crash or power loss of the process.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: false);
        _process.WaitForExit(10_000);
    }

    public void Dispose()
    {
        if (!_process.HasExited) Kill();
        _process.Dispose();
    }
}
