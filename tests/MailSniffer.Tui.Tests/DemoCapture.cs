using MailSniffer.Core.Capture;
using MailSniffer.TestSupport;
using MailSniffer.Tui.Data;

namespace MailSniffer.Tui.Tests;

/// <summary>The reference demo capture (SMTP submission, DNS MX lookup, relay, POP3 and IMAP retrieval) loaded once through the real loader.</summary>
public static class DemoCapture
{
    private static readonly Lazy<CaptureSnapshot> Loaded = new(Load);

    public static string Path => System.IO.Path.Combine(TestPaths.RepoCaptures ?? throw new InvalidOperationException("captures/ folder not found"),
        "demo-full-plaintext.pcapng");

    public static CaptureSnapshot Snapshot => Loaded.Value;

    public static CaptureSnapshot LoadFile(string path)
    {
        using var loader = new CaptureLoader(CaptureFile.Open(path), new FileInfo(path).Length);
        loader.Start();
        Assert.True(loader.WaitFinished(TimeSpan.FromSeconds(60)), "loading did not finish");
        return loader.Snapshot();
    }

    private static CaptureSnapshot Load() => LoadFile(Path);
}
