using MailSniffer.Core.Capture;
using MailSniffer.TestSupport;

namespace MailSniffer.Core.Tests.Capture;

/// <summary>
/// Every real capture we have, read by our managed readers and by native libpcap (SharpPcap's file device): same
/// packets, same bytes, same timestamps, same order. Where libpcap stops at damage, we must have delivered the same
/// prefix and said why we stopped.
/// </summary>
public sealed class LibpcapAgreementTests
{
    public static TheoryData<string> Captures()
    {
        var data = new TheoryData<string>();
        foreach (var f in TestPaths.CaptureFilesIn(TestPaths.SharedCaptures).Concat(TestPaths.CaptureFilesIn(TestPaths.RepoCaptures)))
            data.Add(f);
        if (data.Count == 0)
            data.Add("");   // no corpus beside this clone; the test says so instead of silently passing nothing
        return data;
    }

    [Theory]
    [MemberData(nameof(Captures))]
    public void Managed_reader_matches_libpcap(string path)
    {
        if (path.Length == 0)
        {
            Assert.Null(TestPaths.SharedCaptures);
            return;
        }
        var expected = LibpcapFile.ReadAll(path);
        using var source = CaptureFile.Open(path);
        var actual = ReadBack.All(source);

        bool damaged = Path.GetFileName(path) == "surv-smtp-corrupt-record-length.pcap";
        // libpcap stops at a damaged record; the managed reader delivers the same packets up to there, then skips to
        // the next readable record and goes on.
        Assert.Equal(expected.Count, damaged ? 18 : actual.Count);
        Assert.True(expected.Count > 0);
        for (int i = 0; i < expected.Count; i++)
        {
            Assert.True(expected[i].Data.AsSpan().SequenceEqual(actual[i].Data), $"packet {i + 1} bytes differ");
            Assert.Equal(expected[i].UnixNanoseconds, actual[i].UnixNanoseconds);
            Assert.Equal(expected[i].OriginalLength, actual[i].OriginalLength);
        }
        if (damaged)
        {
            // Suricata's hand-damaged copy of surv-smtp-data-rejected-pipelining.pcap (199 packets): all are read.
            Assert.Equal(199, actual.Count);
            var warning = Assert.Single(source.Warnings);
            Assert.Contains("Bogus record length", warning);
            Assert.Contains("record 19", warning);
            Assert.Contains("offset 3695", warning);
            Assert.Contains("skipped 3 bytes", warning);
        }
        else
        {
            Assert.Empty(source.Warnings);
            Assert.Equal(new FileInfo(path).Length, source.BytesRead);
        }
    }
}
