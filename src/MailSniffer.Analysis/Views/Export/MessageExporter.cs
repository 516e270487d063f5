using MailSniffer.Analysis.Messages;
using MailSniffer.Analysis.Model;
using MailSniffer.Core.Text;
using MailSniffer.Decoders.Messages;
using MimeKit;

namespace MailSniffer.Analysis.Views.Export;

/// <summary>
/// The export view. As each message arrives it writes the exact bytes to "&lt;n&gt;-&lt;subject&gt;.eml", its attachments
/// (decoded) into "&lt;n&gt;-attachments/", and appends it to "all.mbox" (mboxrd). Nothing is held after the call, so a
/// capture of any size exports in constant memory. Names are sanitised and never overwrite an existing file.
/// Usage: <c>using var export = new MessageExporter(dir); var model = new CaptureModel(AnalysisOptions.ForStreaming(), export);</c>
/// </summary>
public sealed class MessageExporter : ICaptureObserver, IDisposable
{
    private readonly string _directory;
    private readonly ParserOptions _parserOptions;
    private readonly MboxWriter _mbox;
    private readonly List<ExportedMessage> _exported = new();

    public MessageExporter(string directory, AnalysisOptions? options = null)
    {
        _directory = Path.GetFullPath(directory);
        Directory.CreateDirectory(_directory);
        _parserOptions = MimeSetup.CreateParserOptions((options ?? new AnalysisOptions()).MaxMimeDepth);
        _mbox = new MboxWriter(SafeFileName.UniquePath(_directory, "all.mbox"));
    }

    public string MboxPath => _mbox.Path;
    public IReadOnlyList<ExportedMessage> Exported => _exported;

    public void MessageSeen(MessageRecord message, MessageContent content)
    {
        string eml = SafeFileName.UniquePath(_directory, ExportNames.ForMessage(message));
        using (var source = content.OpenRead())
        using (var target = new FileStream(eml, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            source.CopyTo(target);

        var attachments = new List<string>();
        string? error = null;
        if (message.Summary.Attachments.Count > 0)
        {
            try { ExportAttachments(message, content, attachments); }
            catch (Exception ex) when (ex is FormatException or ParseException or NotSupportedException or InvalidOperationException)
            {
                error = $"{ex.GetType().Name}: {ex.Message}";
            }
        }

        using (var source = content.OpenRead())
            _mbox.Append(message, source);
        _exported.Add(new ExportedMessage(message.Index, eml, attachments, error));
    }

    private void ExportAttachments(MessageRecord record, MessageContent content, List<string> written)
    {
        using var source = content.OpenRead();
        using var message = MimeMessage.Load(_parserOptions, source, persistent: true);
        string? directory = null;
        int ordinal = 0;
        foreach (var visit in MimeWalker.Walk(message))
        {
            if (!MimeWalker.IsAttachment(visit.Entity)) continue;
            ordinal++;
            directory ??= CreateAttachmentDirectory(record);
            string fallbackExtension = visit.Entity is MessagePart ? ".eml" : ".bin";
            string name = ExportNames.ForAttachment(MimeWalker.FileNameOf(visit.Entity), ordinal, fallbackExtension);
            string path = SafeFileName.UniquePath(directory, name);
            using (var target = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                switch (visit.Entity)
                {
                    case MimePart { Content: { } partContent }:
                        partContent.DecodeTo(target);
                        break;
                    case MessagePart { Message: { } inner }:
                        inner.WriteTo(MimeSetup.WireFormat, target);
                        break;
                }
            }
            written.Add(path);
        }
    }

    private string CreateAttachmentDirectory(MessageRecord record)
    {
        string directory = SafeFileName.UniquePath(_directory, ExportNames.AttachmentDirectory(record));
        Directory.CreateDirectory(directory);
        return directory;
    }

    public void Dispose() => _mbox.Dispose();
}
