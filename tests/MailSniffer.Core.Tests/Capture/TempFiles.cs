using MailSniffer.Core.Capture;
using MailSniffer.TestSupport;

namespace MailSniffer.Core.Tests.Capture;

/// <summary>Temporary capture files deleted when the test class is disposed.</summary>
public abstract class TempFiles : IDisposable
{
    private readonly List<string> _files = new();

    protected string Temp(CaptureFileFormat format = CaptureFileFormat.Pcap)
    {
        var p = TestCaptureFile.TempPath(format);
        _files.Add(p);
        return p;
    }

    protected string TempWith(byte[] content, CaptureFileFormat format = CaptureFileFormat.Pcap)
    {
        var p = Temp(format);
        File.WriteAllBytes(p, content);
        return p;
    }

    public void Dispose()
    {
        foreach (var f in _files)
            File.Delete(f);
        GC.SuppressFinalize(this);
    }
}
