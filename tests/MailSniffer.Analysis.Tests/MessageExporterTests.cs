using System.Text;
using MailSniffer.Analysis.Model;
using MailSniffer.Analysis.Tests.Support;
using MailSniffer.Analysis.Views.Export;
using MimeKit;
using static MailSniffer.Analysis.Tests.Support.Events;

namespace MailSniffer.Analysis.Tests;

public sealed class MessageExporterTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ms-export-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private MessageExporter Export(params byte[][] messages) => Export(_dir, messages.Select(m => (m, true)).ToArray());

    private static MessageExporter Export(string dir, params (byte[] Bytes, bool Complete)[] messages)
    {
        var exporter = new MessageExporter(dir);
        var model = new CaptureModel(AnalysisOptions.ForStreaming(), exporter);
        model.FlowStarted(Flow(1));
        for (int i = 0; i < messages.Length; i++) model.Emit(Message(1, messages[i].Bytes, ts: i, complete: messages[i].Complete));
        model.Complete();
        exporter.Dispose();
        return exporter;
    }

    private static void AssertInside(string dir, string path)
    {
        string full = Path.GetFullPath(path);
        Assert.StartsWith(Path.GetFullPath(dir) + Path.DirectorySeparatorChar, full);
        string name = Path.GetFileName(full);
        Assert.DoesNotContain(name, c => c < 0x20 || c == 0x7f);
        Assert.False(name.StartsWith('.'), name);
        Assert.True(name.Length <= 120, name);
    }

    [Fact]
    public void Eml_files_hold_the_exact_bytes_and_are_named_from_the_subject()
    {
        var a = SampleSession.MessageBytes;
        var b = Mime.ToBytes(Mime.Simple("", messageId: "only-an-id@x.test"));
        var exporter = Export(a, b);
        Assert.Equal(2, exporter.Exported.Count);
        Assert.Equal(a, File.ReadAllBytes(exporter.Exported[0].EmlPath));
        Assert.Equal(b, File.ReadAllBytes(exporter.Exported[1].EmlPath));
        Assert.Equal("0001-Quarterly _[31mred_[0m report.eml", Path.GetFileName(exporter.Exported[0].EmlPath));
        Assert.Equal("0002-only-an-id@x.test.eml", Path.GetFileName(exporter.Exported[1].EmlPath));
    }

    [Fact]
    public void Incomplete_messages_are_exported_with_a_marker()
    {
        var bytes = SampleSession.MessageBytes[..300];
        var exporter = Export(_dir, (bytes, false));
        var eml = Assert.Single(exporter.Exported).EmlPath;
        Assert.EndsWith("-incomplete.eml", eml);
        Assert.Equal(bytes, File.ReadAllBytes(eml));
    }

    [Theory]
    [InlineData("../../etc/passwd")]
    [InlineData("..\\..\\windows\\system32\\evil.dll")]
    [InlineData("\u001b[31mred\u001b]0;title\u0007")]
    [InlineData("CON")]
    [InlineData("...")]
    [InlineData("\u202Egnp.exe")]
    [InlineData("/absolute/path")]
    public void Hostile_subjects_and_attachment_names_stay_inside_the_output_directory(string hostile)
    {
        var m = Mime.WithHostileAttachmentName(hostile, hostile, new byte[] { 1, 2, 3 });
        var exporter = new MessageExporter(_dir);
        var model = new CaptureModel(null, exporter);
        model.Emit(Message(1, Mime.ToBytes(m)));
        model.Complete();
        exporter.Dispose();
        // The name really reached the exporter unsanitised: MimeKit decoded it back from the wire form.
        Assert.Equal(hostile, Assert.Single(model.Messages[0].Summary.Attachments).FileName);
        var e = Assert.Single(exporter.Exported);
        AssertInside(_dir, e.EmlPath);
        var att = Assert.Single(e.AttachmentPaths);
        AssertInside(_dir, att);
        Assert.Equal(new byte[] { 1, 2, 3 }, File.ReadAllBytes(att));
        Assert.DoesNotContain(Directory.EnumerateFileSystemEntries(_dir, "*", SearchOption.AllDirectories), p => !Path.GetFullPath(p).StartsWith(_dir));
        Assert.False(File.Exists("/etc/passwd.eml"));
    }

    [Fact]
    public void Long_names_are_cut_and_duplicates_get_suffixes()
    {
        string longName = new string('a', 300) + ".txt";
        var m = Mime.WithAttachments(new string('s', 300),
            (longName, new byte[] { 1 }, "text/plain"), (longName, new byte[] { 2 }, "text/plain"), ("CON", new byte[] { 3 }, "text/plain"));
        var exporter = Export(Mime.ToBytes(m), Mime.ToBytes(m));
        Assert.Equal(2, exporter.Exported.Count);
        Assert.NotEqual(exporter.Exported[0].EmlPath, exporter.Exported[1].EmlPath);
        var names = exporter.Exported[0].AttachmentPaths.Select(Path.GetFileName).ToList();
        Assert.Equal(3, names.Count);
        Assert.All(names, n => Assert.True(n!.Length <= 110, n));
        Assert.EndsWith(".txt", names[0]);
        Assert.EndsWith("-1.txt", names[1]);
        Assert.Equal("attachment-3.bin", names[2]);
        Assert.Equal(new byte[] { 2 }, File.ReadAllBytes(exporter.Exported[0].AttachmentPaths[1]));
    }

    [Fact]
    public void Exporting_twice_into_one_directory_overwrites_nothing()
    {
        var first = Export(SampleSession.MessageBytes);
        var second = Export(SampleSession.MessageBytes);
        Assert.NotEqual(first.Exported[0].EmlPath, second.Exported[0].EmlPath);
        Assert.NotEqual(first.MboxPath, second.MboxPath);
        Assert.NotEqual(first.Exported[0].AttachmentPaths[0], second.Exported[0].AttachmentPaths[0]);
        Assert.True(File.Exists(first.MboxPath));
    }

    [Fact]
    public void Attached_message_is_exported_as_eml()
    {
        var inner = Mime.Simple("inner one");
        var outer = Mime.Simple("outer");
        var builder = new BodyBuilder { TextBody = "fwd\n" };
        builder.Attachments.Add(new MessagePart { Message = inner });
        outer.Body = builder.ToMessageBody();
        var exporter = Export(Mime.ToBytes(outer));
        var path = Assert.Single(exporter.Exported[0].AttachmentPaths);
        Assert.EndsWith(".eml", path);
        Assert.Equal("inner one", MimeMessage.Load(path).Subject);
    }

    [Fact]
    public void Mbox_parses_back_to_the_same_messages()
    {
        // Bodies with lines that mboxrd must quote: "From ", ">From ", and one at the very start of the body.
        var tricky = Mime.Ascii("From: x@x.test\nSubject: tricky\n\nFrom the start\n>From quoted\n>>From twice\nFrom\nFromage\n last line no newline");
        var messages = new[] { SampleSession.MessageBytes, tricky, Mime.ToBytes(Mime.Simple("third")) };
        var exporter = Export(messages);

        using var stream = File.OpenRead(exporter.MboxPath);
        var parser = new MimeParser(stream, MimeFormat.Mbox);
        var parsed = new List<MimeMessage>();
        var separators = new List<string>();
        parser.MimeMessageBegin += (_, _) => separators.Add(parser.MboxMarker ?? "");
        while (!parser.IsEndOfStream) parsed.Add(parser.ParseMessage());
        Assert.Equal(3, parsed.Count);
        Assert.Equal(new[] { "Quarterly \u001b[31mred\u001b[0m report", "tricky", "third" }, parsed.Select(p => p.Subject));
        Assert.Equal("From alice@a.test Tue Nov 14 22:13:20 2023", separators[0]);

        string mbox = File.ReadAllText(exporter.MboxPath, Encoding.Latin1);
        Assert.Contains("\r\n>From the start\r\n>>From quoted\r\n>>>From twice\r\nFrom\r\nFromage\r\n last line no newline\n\nFrom ", mbox);
    }

    [Fact]
    public void Mbox_separator_uses_asctime_and_a_safe_sender()
    {
        Assert.Equal("Thu Jan  1 00:00:00 1970", MboxWriter.Asctime(DateTime.UnixEpoch));
        var record = new MessageRecord
        {
            Index = 1, Flow = 1, Ts = At(0), Protocol = "smtp", Source = "DATA", Direction = Core.Flows.Direction.ClientToServer,
            Complete = true, Partial = false, Size = 0, Sha256 = "", Summary = Analysis.Messages.MessageSummary.Empty,
            MailFrom = "<evil sender\n@x.test>",
        };
        Assert.Equal("evil_sender_@x.test", MboxWriter.Sender(record));
        Assert.Equal("MAILER-DAEMON", MboxWriter.Sender(record with { MailFrom = "<>" }));
    }
}
