using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json;

namespace MailSniffer.Analysis.Tests.Support;

/// <summary>The shared public captures and their oracles, found by walking up from the test assembly.</summary>
internal static class PublicCaptures
{
    private static readonly Lazy<string?> Root = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "shared", "captures", "public");
            if (Directory.Exists(candidate)) return candidate;
        }
        return null;
    });

    public static string Path_(string file) =>
        System.IO.Path.Combine(Root.Value ?? throw new InvalidOperationException("shared/captures/public not found"), file);

    public static bool Available => Root.Value != null;

    public static JsonDocument Oracle(string capture) => JsonDocument.Parse(File.ReadAllBytes(Path_(capture + ".oracle.json")));

    public static bool TsharkAvailable()
    {
        try
        {
            using var p = Process.Start(new ProcessStartInfo("tshark", "-v") { RedirectStandardOutput = true, RedirectStandardError = true });
            if (p == null) return false;
            p.StandardOutput.ReadToEnd();
            p.WaitForExit();
            return p.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception) { return false; }
    }

    /// <summary>
    /// The messages tshark exports from a capture (IMF objects), keyed by SHA-256 of their bytes. Only those whose hash
    /// matches a row of the oracle's messages_index that tshark and the reconstruction agree on are trustworthy.
    /// </summary>
    public static Dictionary<string, byte[]> ExportImf(string capture)
    {
        string dir = Directory.CreateTempSubdirectory("ms-imf-").FullName;
        try
        {
            var psi = new ProcessStartInfo("tshark") { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var a in new[] { "-r", Path_(capture), "-q", "--export-objects", "imf," + dir }) psi.ArgumentList.Add(a);
            using (var p = Process.Start(psi)!)
            {
                p.StandardOutput.ReadToEnd();
                p.StandardError.ReadToEnd();
                p.WaitForExit();
            }
            var result = new Dictionary<string, byte[]>();
            foreach (var f in Directory.GetFiles(dir))
            {
                byte[] bytes = File.ReadAllBytes(f);
                result[Convert.ToHexStringLower(SHA256.HashData(bytes))] = bytes;
            }
            return result;
        }
        finally { Directory.Delete(dir, true); }
    }
}
