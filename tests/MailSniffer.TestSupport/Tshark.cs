using System.Diagnostics;

namespace MailSniffer.TestSupport;

/// <summary>Runs tshark (when installed) as an independent reader, for formats libpcap refuses (pcapng with mixed link types).</summary>
public static class Tshark
{
    /// <summary>One line per frame, the fields tab-separated; null when tshark is not installed.</summary>
    public static List<string[]>? Fields(string path, params string[] fields)
    {
        var psi = new ProcessStartInfo("tshark") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "-n", "-r", path, "-T", "fields" })
            psi.ArgumentList.Add(a);
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
