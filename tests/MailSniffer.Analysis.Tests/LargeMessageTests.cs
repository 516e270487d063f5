using System.Security.Cryptography;
using System.Text;
using MailSniffer.Analysis.Model;
using MailSniffer.Analysis.Tests.Support;
using MailSniffer.Analysis.Views.Export;
using MailSniffer.Core.Flows;
using MailSniffer.Decoders.Events;
using MailSniffer.Decoders.Messages;
using static MailSniffer.Analysis.Tests.Support.Events;

namespace MailSniffer.Analysis.Tests;

public sealed class LargeMessageTests : IDisposable
{
    private const int AttachmentBytes = 100 * 1024 * 1024;
    private readonly string _dir = Directory.CreateTempSubdirectory("ms-large-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>A message with a 100 MB base64 attachment, appended in chunks the way a decoder would (it spills to disk).</summary>
    private static (MessageContent Content, string AttachmentSha256) BuildHugeMessage()
    {
        var content = new MessageContent();
        content.Append(Encoding.ASCII.GetBytes(
            "From: alice@a.test\r\nTo: bob@b.test\r\nSubject: big one\r\nMIME-Version: 1.0\r\n" +
            "Content-Type: multipart/mixed; boundary=\"XX\"\r\n\r\n--XX\r\nContent-Type: text/plain\r\n\r\nbig file attached\r\n" +
            "--XX\r\nContent-Type: application/octet-stream\r\nContent-Disposition: attachment; filename=\"disk.img\"\r\n" +
            "Content-Transfer-Encoding: base64\r\n\r\n"));
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var rng = new Random(5);
        var raw = new byte[57 * 1024];            // 57 bytes make one 76-character base64 line
        var line = new byte[78];
        var chunk = new byte[78 * 1024];
        for (int done = 0; done < AttachmentBytes;)
        {
            int n = Math.Min(raw.Length, AttachmentBytes - done);
            rng.NextBytes(raw.AsSpan(0, n));
            sha.AppendData(raw.AsSpan(0, n));
            int used = 0;
            for (int off = 0; off < n; off += 57)
            {
                int len = Math.Min(57, n - off);
                System.Buffers.Text.Base64.EncodeToUtf8(raw.AsSpan(off, len), line, out _, out int written);
                line[written] = (byte)'\r';
                line[written + 1] = (byte)'\n';
                line.AsSpan(0, written + 2).CopyTo(chunk.AsSpan(used));
                used += written + 2;
            }
            content.Append(chunk.AsSpan(0, used));
            done += n;
        }
        content.Append("--XX--\r\n"u8);
        content.Seal();
        return (content, Convert.ToHexStringLower(sha.GetHashAndReset()));
    }

    [Fact]
    public void Hundred_megabyte_attachment_is_summarised_and_exported_in_bounded_memory()
    {
        var (content, expectedSha) = BuildHugeMessage();
        Assert.True(content.IsSpilled);
        using var exporter = new MessageExporter(_dir);
        var model = new CaptureModel(null, exporter);

        GC.Collect();
        long before = GC.GetTotalAllocatedBytes(precise: true);
        model.Emit(new MessageEvent(1, At(1), "smtp", "DATA", Direction.ClientToServer, content, true, false));
        long allocated = GC.GetTotalAllocatedBytes(precise: true) - before;

        var att = Assert.Single(model.Messages[0].Summary.Attachments);
        Assert.Equal("disk.img", att.FileName);
        Assert.Equal(AttachmentBytes, att.Size);
        Assert.Equal(expectedSha, att.Sha256);
        Assert.Equal("big file attached", model.Messages[0].Summary.Preview);

        string exported = Assert.Single(exporter.Exported[0].AttachmentPaths);
        Assert.Equal(AttachmentBytes, new FileInfo(exported).Length);
        using (var f = File.OpenRead(exported))
            Assert.Equal(expectedSha, Convert.ToHexStringLower(SHA256.HashData(f)));

        // Summary, .eml copy, attachment export and mbox append together read ~550 MB of message bytes; what they
        // allocate must not grow with it.
        Assert.True(allocated < 16L * 1024 * 1024, $"allocated {allocated / (1024 * 1024)} MiB while handling a 137 MB message");
    }
}
